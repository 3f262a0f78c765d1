using System.Collections.Immutable;
using System.Globalization;
using NemLogin.Gateway.Audit;
using NemLogin.Gateway.Mandates;
using NemLogin.Grains;
using NemLogin.Grains.Errors;
using NemLogin.Grains.Mandates;
using NemLogin.Grains.Oidc;
using NemLogin.Grains.Organisations;
using NemLogin.Grains.Requests;
using NemLogin.Grains.Rights;
using NemLogin.Grains.ServiceProviders;

namespace NemLogin.Gateway.Admin;

/// <summary>
/// <c>/api/admin/mandates</c> for support staff: grant or record a request (POST, <c>"status": "requested"</c>), list by party
/// (GET <c>?grantor=</c>, <c>?grantee=</c>, each <c>cpr:&lt;10 digits&gt;</c> or <c>cvr:&lt;8 digits&gt;</c>), read and revoke
/// one (GET, DELETE <c>/{id}</c>), approve or decline a request (POST <c>/{id}/approve</c>, <c>/{id}/decline</c>). Bad input
/// is refused with a stable code before anything is stored.
/// </summary>
internal static class MandateAdminEndpoints
{
    public const string Route = "/api/admin/mandates";

    public static RouteGroupBuilder MapMandateAdmin(this RouteGroupBuilder admin)
    {
        var mandates = admin.MapGroup("/mandates");
        mandates.MapPost(string.Empty, GrantAsync);
        mandates.MapGet(string.Empty, ListAsync);
        mandates.MapGet("/{id}", (string id, IGrainFactory grains) => ForMandateAsync(id, async mandateId =>
            await grains.Reference<IMandateGrain>(mandateId).GetAsync() is { } found ? TypedResults.Ok(MandateDocument.From(found)) : Unknown()));
        mandates.MapDelete("/{id}", (string id, HttpContext context, IGrainFactory grains, MandateAdministration administration) =>
            ChangeAsync(id, context, grains, (mandateId, requestId) => administration.RevokeAsync(context, mandateId, requestId, AuditActions.AdminActor), _ => TypedResults.NoContent()));
        mandates.MapPost("/{id}/approve", (string id, HttpContext context, IGrainFactory grains, MandateAdministration administration) =>
            ChangeAsync(id, context, grains, (mandateId, requestId) => administration.ApproveAsync(context, mandateId, requestId, AuditActions.AdminActor), Ok));
        mandates.MapPost("/{id}/decline", (string id, HttpContext context, IGrainFactory grains, MandateAdministration administration) =>
            ChangeAsync(id, context, grains, (mandateId, requestId) => administration.DeclineAsync(context, mandateId, requestId, AuditActions.AdminActor), Ok));
        return admin;
    }

    private static IResult Ok(Mandate mandate) => TypedResults.Ok(MandateDocument.From(mandate));

    // A change to one existing mandate, by the request id of the Idempotency-Key header (or a fresh one).
    private static Task<IResult> ChangeAsync(string id, HttpContext context, IGrainFactory grains, Func<Guid, string, Task<Mandate>> change, Func<Mandate, IResult> answer) =>
        ForMandateAsync(id, async mandateId =>
        {
            var (requestId, problem) = OptionalRequestId(context.Request, null);
            if (problem is not null)
            {
                return problem;
            }

            if (await grains.Reference<IMandateGrain>(mandateId).GetAsync() is null)
            {
                return Unknown();
            }

            return answer(await change(mandateId, requestId!));
        });

    public static string Location(Guid id) => Route + "/" + id.ToString("D", CultureInfo.InvariantCulture);

    private static Task<IResult> GrantAsync(HttpContext context, IGrainFactory grains, MandateAdministration administration) => RefusalsAsProblems(async () =>
    {
        var (body, problem) = await RequestBody.ReadJsonAsync<MandateRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        var (requestId, idProblem) = OptionalRequestId(context.Request, body!.RequestId);
        if (idProblem is not null)
        {
            return idProblem;
        }

        if (body.Grantor is null || body.Grantee is null)
        {
            return AdminProblems.Invalid(BrokerErrors.Name(BrokerError.AdminRequestInvalid), "Name the grantor and the grantee, each as {\"cpr\": …} or {\"cvr\": …}.");
        }

        var grantor = await PartyAsync(body.Grantor, administration);
        var grantee = await PartyAsync(body.Grantee, administration);
        if ((grantor.Problem ?? grantee.Problem) is { } partyProblem)
        {
            return partyProblem;
        }

        if (body.Status is not (null or "active" or "requested"))
        {
            return AdminProblems.Invalid(BrokerErrors.Name(BrokerError.AdminRequestInvalid), "status is active (granted, the default) or requested (waiting for the grantor's approval).");
        }

        var systems = await SystemsAsync(grains, body.ServiceProviders, body.Privileges);
        var details = new MandateDetails(grantor.Party!, grantee.Party!, systems, body.ValidFrom, body.ValidTo);
        var created = body.Status == "requested"
            ? await administration.RequestAsync(context, requestId!, details, AuditActions.AdminActor)
            : await administration.GrantAsync(context, requestId!, details, AuditActions.AdminActor);
        return TypedResults.Created(Location(created.Id), MandateDocument.From(created));
    });

    private static Task<IResult> ListAsync(string? grantor, string? grantee, IGrainFactory grains, MandateAdministration administration) => RefusalsAsProblems(async () =>
    {
        if (grantor is null && grantee is null)
        {
            return AdminProblems.Invalid(BrokerErrors.Name(BrokerError.AdminRequestInvalid), "Filter by grantor=, grantee= or both, each cpr:<CPR number> or cvr:<CVR number>.");
        }

        var (byGrantor, grantorProblem) = grantor is null ? (null, null) : await QueryPartyAsync(grantor, administration);
        var (byGrantee, granteeProblem) = grantee is null ? (null, null) : await QueryPartyAsync(grantee, administration);
        if ((grantorProblem ?? granteeProblem) is { } problem)
        {
            return problem;
        }

        // By grantee: the grantee's index (requested and active mandates); by grantor alone: everything the grantor gave.
        var ids = byGrantee is not null
            ? (await grains.Reference<IMandateIndexGrain>(byGrantee.Id).ListAsync()).Where(e => byGrantor is null || e.Grantor == byGrantor).Select(e => e.Id)
            : await grains.Reference<IMandateGrantorGrain>(byGrantor!.Id).ListAsync();
        var found = await Task.WhenAll(ids.Select(id => grains.Reference<IMandateGrain>(id).GetAsync()));
        return TypedResults.Ok(new MandateList([.. found.OfType<Mandate>().Select(MandateDocument.From)]));
    });

    // The systems named by id: an entityID of a registered SP, else a registered OIDC client's id. Named privileges go to
    // the systems whose catalogue lists them; each must be listed by one, and each system must receive one.
    private static async Task<ImmutableArray<MandateSystem>> SystemsAsync(IGrainFactory grains, IReadOnlyList<string>? ids, IReadOnlyList<string>? privileges)
    {
        if (ids is not { Count: > 0 } || ids.Any(string.IsNullOrWhiteSpace))
        {
            throw Refusal(BrokerError.MandateSystemsInvalid, "serviceProviders names at least one registered entityID or OIDC client id.");
        }

        var systems = new List<MandateSystem>();
        foreach (var id in ids)
        {
            ItSystem system = await grains.Reference<IServiceProviderGrain>(id).GetAsync() is not null ? ItSystem.Saml(id)
                : await grains.Reference<IOidcClientGrain>(id).GetAsync() is not null ? ItSystem.Oidc(id)
                : throw Refusal(BrokerError.MandateItSystemUnknown, "A service provider is neither a registered entityID nor an OIDC client id.");
            if (privileges is not { Count: > 0 })
            {
                systems.Add(new MandateSystem(system, []));
                continue;
            }

            var catalogue = await grains.Reference<IPrivilegeCatalogueGrain>(system.Key).GetAsync();
            var listed = privileges.Where(p => catalogue?.Find(p) is not null).ToImmutableArray();
            if (listed.IsEmpty)
            {
                throw Refusal(BrokerError.MandatePrivilegeUnknown, "None of the privileges is in the catalogue of one of the service providers.");
            }

            systems.Add(new MandateSystem(system, listed));
        }

        if (privileges is { Count: > 0 } && privileges.Any(p => !systems.Any(s => s.Privileges.Contains(p))))
        {
            throw Refusal(BrokerError.MandatePrivilegeUnknown, "A privilege is in no chosen service provider's catalogue.");
        }

        return [.. systems];
    }

    private static async Task<(MandateParty? Party, IResult? Problem)> PartyAsync(PartyReference reference, MandateAdministration administration) =>
        (reference.Cpr, reference.Cvr) switch
        {
            ({ } cpr, null) => await PersonAsync(cpr, administration),
            (null, { } cvr) => Organisation(cvr),
            _ => (null, AdminProblems.Invalid(BrokerErrors.Name(BrokerError.AdminRequestInvalid), "Name each party by cpr or cvr, exactly one.")),
        };

    // grantor= and grantee= in a query: cpr:<10 digits> or cvr:<8 digits>.
    private static async Task<(MandateParty? Party, IResult? Problem)> QueryPartyAsync(string value, MandateAdministration administration) => value switch
    {
        ['c', 'p', 'r', ':', .. var cpr] => await PersonAsync(cpr, administration),
        ['c', 'v', 'r', ':', .. var cvr] => Organisation(cvr),
        _ => (null, AdminProblems.Invalid(BrokerErrors.Name(BrokerError.AdminRequestInvalid), "grantor and grantee are cpr:<CPR number> or cvr:<CVR number>.")),
    };

    private static async Task<(MandateParty? Party, IResult? Problem)> PersonAsync(string cpr, MandateAdministration administration) =>
        cpr.Length == 10 && cpr.All(char.IsAsciiDigit)
            ? (MandateParty.Person(await administration.FindPersonByCprAsync(cpr)), null)
            : (null, AdminProblems.Invalid(BrokerErrors.Name(BrokerError.AdminRequestInvalid), "A CPR number has 10 digits."));

    private static (MandateParty? Party, IResult? Problem) Organisation(string cvr) =>
        BusinessNumbers.IsCvr(cvr)
            ? (MandateParty.Organisation(cvr), null)
            : (null, BusinessProblems.Of(BrokerError.MandatePartyInvalid, "A CVR number has 8 digits and passes the modulus 11 check."));

    // A grant without a request id gets a fresh one (each POST a new grant); one sent is checked as everywhere else.
    private static (string? RequestId, IResult? Problem) OptionalRequestId(HttpRequest request, string? bodyRequestId) =>
        request.Headers.ContainsKey(IdempotencyKey.Header) || bodyRequestId is not null
            ? IdempotencyKey.Read(request, bodyRequestId)
            : ("admin-" + Guid.NewGuid().ToString("N"), null);

    private static GrainRuleException Refusal(BrokerError error, string message) => new(BrokerErrors.Name(error), message);

    private static async Task<IResult> RefusalsAsProblems(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (GrainRuleException ex)
        {
            return BusinessProblems.FromRule(ex);
        }
    }

    private static Task<IResult> ForMandateAsync(string id, Func<Guid, Task<IResult>> action) =>
        Guid.TryParseExact(id, "D", out var mandateId) ? RefusalsAsProblems(() => action(mandateId)) : Task.FromResult(Unknown());

    private static IResult Unknown() => BusinessProblems.Of(BrokerError.MandateUnknown, "No mandate has this id.");
}
