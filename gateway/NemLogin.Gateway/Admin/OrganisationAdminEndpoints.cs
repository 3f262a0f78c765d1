using System.Globalization;
using NemLogin.Gateway.Audit;
using NemLogin.Gateway.Organisations;
using NemLogin.Grains;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.BusinessIdentities;
using NemLogin.Grains.Errors;
using NemLogin.Grains.Organisations;
using NemLogin.Grains.Rights;

namespace NemLogin.Gateway.Admin;

/// <summary>
/// <c>/api/admin/organisations/{cvr}</c> for support staff: the organisation (PUT, GET), its employees (POST creates a
/// business identity, GET lists; GET and DELETE (revoke) one, PUT its status or person) and their rights (PUT grants,
/// DELETE revokes). Every change needs a request id (<see cref="IdempotencyKey"/>); bad input is refused with a stable
/// code before anything is stored.
/// </summary>
internal static class OrganisationAdminEndpoints
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    public static RouteGroupBuilder MapOrganisationAdmin(this RouteGroupBuilder admin)
    {
        var organisation = admin.MapGroup("/organisations/{cvr}");
        organisation.MapPut(string.Empty, SaveAsync);
        organisation.MapGet(string.Empty, (string cvr, IGrainFactory grains) => ForOrganisationAsync(cvr, async () =>
            await grains.Reference<IOrganisationGrain>(cvr).GetAsync() is { } found ? TypedResults.Ok(OrganisationDocument.From(found)) : UnknownOrganisation()));
        organisation.MapPost("/employees", AddEmployeeAsync);
        organisation.MapGet("/employees", ListEmployeesAsync);
        organisation.MapGet("/employees/{id}", (string cvr, string id, OrganisationAdministration admin) => ForEmployeeAsync(cvr, id, async employeeId =>
            await admin.FindEmployeeAsync(cvr, employeeId) is { } employee ? TypedResults.Ok(EmployeeDocument.From(employee)) : UnknownEmployee()));
        organisation.MapDelete("/employees/{id}", (string cvr, string id, HttpContext context, OrganisationAdministration admin) => ForEmployeeAsync(cvr, id, async employeeId =>
        {
            var (requestId, problem) = IdempotencyKey.Read(context.Request);
            if (problem is not null)
            {
                return problem;
            }

            await admin.SetStatusAsync(context, cvr, employeeId, requestId!, BusinessIdentityStatus.Revoked, AuditActions.AdminActor);
            return TypedResults.NoContent();
        }));
        organisation.MapPut("/employees/{id}/status", SetStatusAsync);
        organisation.MapPut("/employees/{id}/person", BindPersonAsync);
        organisation.MapPut("/employees/{id}/rights", (string cvr, string id, HttpContext context, OrganisationAdministration admin) =>
            ChangeRightAsync(cvr, id, context, async (employeeId, requestId, right) =>
                TypedResults.Ok(EmployeeChangeDocument.From(employeeId, await admin.GrantAsync(context, cvr, employeeId, requestId, right, AuditActions.AdminActor)))));
        organisation.MapDelete("/employees/{id}/rights", (string cvr, string id, HttpContext context, OrganisationAdministration admin) =>
            ChangeRightAsync(cvr, id, context, async (employeeId, requestId, right) =>
            {
                await admin.RevokeRightAsync(context, cvr, employeeId, requestId, right, AuditActions.AdminActor);
                return TypedResults.NoContent();
            }));
        return admin;
    }

    public static string Location(string cvr, Guid? employeeId = null) =>
        "/api/admin/organisations/" + cvr + (employeeId is { } id ? "/employees/" + id.ToString("D", CultureInfo.InvariantCulture) : string.Empty);

    private static Task<IResult> SaveAsync(string cvr, HttpContext context, IGrainFactory grains, OrganisationAdministration admin) => ForOrganisationAsync(cvr, async () =>
    {
        var (body, requestId, problem) = await IdempotencyKey.ReadChangeAsync<OrganisationRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        if (!TryEnum(body!.Status ?? nameof(OrganisationStatus.Active), out OrganisationStatus status))
        {
            return BusinessProblems.Of(BrokerError.OrganisationStatusInvalid, "status is Active, Suspended or Closed.");
        }

        var details = new OrganisationDetails(body.Name ?? string.Empty, [.. body.ProductionUnits ?? []], [.. body.SeNumbers ?? []], status, [.. body.Administrators ?? []]);
        var existed = await grains.Reference<IOrganisationGrain>(cvr).GetAsync() is not null;
        var saved = OrganisationDocument.From(await admin.SaveAsync(context, cvr, requestId!, details, AuditActions.AdminActor));
        return existed ? TypedResults.Ok(saved) : TypedResults.Created(Location(cvr), saved);
    });

    private static Task<IResult> AddEmployeeAsync(string cvr, HttpContext context, OrganisationAdministration admin) => ForOrganisationAsync(cvr, async () =>
    {
        var (body, requestId, problem) = await IdempotencyKey.ReadChangeAsync<EmployeeRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        if (!TryEnum(body!.Loa, out LevelOfAssurance loa) || loa == LevelOfAssurance.None)
        {
            return BusinessProblems.Of(BrokerError.EmployeeLoaInvalid, "loa is Low, Substantial or High.");
        }

        Guid? personId = null;
        if (body.Person is { } person)
        {
            var (found, personProblem) = await FindPersonAsync(person, admin);
            if (personProblem is not null)
            {
                return personProblem;
            }

            personId = found;
        }

        var created = await admin.AddEmployeeAsync(context, cvr, requestId!, new EmployeeDetails(personId, loa, body.ProductionUnit, body.SeNumber), AuditActions.AdminActor);
        return TypedResults.Created(Location(cvr, created.Id), EmployeeDocument.From(created));
    });

    private static Task<IResult> ListEmployeesAsync(string cvr, int? offset, int? limit, IGrainFactory grains) => ForOrganisationAsync(cvr, async () =>
    {
        var skip = offset ?? 0;
        var take = limit ?? DefaultPageSize;
        if (skip < 0 || take is < 1 or > MaxPageSize)
        {
            return AdminProblems.Invalid(BrokerErrors.Name(BrokerError.AdminRequestInvalid), $"offset must be 0 or more and limit between 1 and {MaxPageSize}.");
        }

        var organisation = grains.Reference<IOrganisationGrain>(cvr);
        if (await organisation.GetAsync() is null)
        {
            return UnknownOrganisation();
        }

        var all = await organisation.ListEmployeesAsync();
        var page = await Task.WhenAll(all.Skip(skip).Take(take).Select(id => grains.Reference<IBusinessIdentityGrain>(id).GetAsync()));
        return TypedResults.Ok(new EmployeeList([.. page.OfType<BusinessIdentity>().Select(EmployeeDocument.From)], skip, all.Length));
    });

    private static Task<IResult> SetStatusAsync(string cvr, string id, HttpContext context, OrganisationAdministration admin) => ForEmployeeAsync(cvr, id, async employeeId =>
    {
        var (body, requestId, problem) = await IdempotencyKey.ReadChangeAsync<EmployeeStatusRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        // Revoking is final and has its own verb (DELETE), so a status typo can never revoke.
        if (!TryEnum(body!.Status, out BusinessIdentityStatus status) || status == BusinessIdentityStatus.Revoked)
        {
            return BusinessProblems.Of(BrokerError.EmployeeStatusInvalid, "status is Active or Suspended; revoke with DELETE.");
        }

        return TypedResults.Ok(EmployeeChangeDocument.From(employeeId, await admin.SetStatusAsync(context, cvr, employeeId, requestId!, status, AuditActions.AdminActor)));
    });

    private static Task<IResult> BindPersonAsync(string cvr, string id, HttpContext context, OrganisationAdministration admin) => ForEmployeeAsync(cvr, id, async employeeId =>
    {
        var (body, requestId, problem) = await IdempotencyKey.ReadChangeAsync<PersonReference>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        var (personId, personProblem) = await FindPersonAsync(body!, admin);
        return personProblem
            ?? TypedResults.Ok(EmployeeChangeDocument.From(employeeId, await admin.BindPersonAsync(context, cvr, employeeId, requestId!, personId!.Value, AuditActions.AdminActor)));
    });

    private static Task<IResult> ChangeRightAsync(string cvr, string id, HttpContext context, Func<Guid, string, Right, Task<IResult>> change) =>
        ForEmployeeAsync(cvr, id, async employeeId =>
        {
            var (body, requestId, problem) = await IdempotencyKey.ReadChangeAsync<RightRequest>(context.Request);
            if (problem is not null)
            {
                return problem;
            }

            ItSystem? system = (body!.ServiceProvider, body.OidcClient) switch
            {
                ({ } entityId, null) => ItSystem.Saml(entityId),
                (null, { } clientId) => ItSystem.Oidc(clientId),
                _ => null,
            };
            if (system?.IsWellFormed() != true || string.IsNullOrEmpty(body.Privilege))
            {
                return AdminProblems.Invalid(BrokerErrors.Name(BrokerError.AdminRequestInvalid), "Name the IT system (serviceProvider or oidcClient, exactly one) and the privilege.");
            }

            if (RightScope.FromUrn(body.Scope) is not { } scope)
            {
                return BusinessProblems.Of(BrokerError.RightsScopeInvalid,
                    $"scope is {RightScope.CvrPrefix}<cvr>, {RightScope.ProductionUnitPrefix}<p number> or {RightScope.SeNumberPrefix}<se number>.");
            }

            return await change(employeeId, requestId!, new Right(system, body.Privilege, scope));
        });

    private static async Task<(Guid? PersonId, IResult? Problem)> FindPersonAsync(PersonReference person, OrganisationAdministration admin)
    {
        switch (person.Cpr, person.IdentityId)
        {
            case ({ } cpr, null):
                if (cpr.Length != 10 || !cpr.All(char.IsAsciiDigit))
                {
                    return (null, AdminProblems.Invalid(BrokerErrors.Name(BrokerError.AdminRequestInvalid), "person.cpr is a CPR number: 10 digits."));
                }

                return (await admin.FindPersonByCprAsync(cpr), null);
            case (null, { } identityId):
                return (await admin.RequirePersonAsync(identityId), null);
            default:
                return (null, AdminProblems.Invalid(BrokerErrors.Name(BrokerError.AdminRequestInvalid), "Name the person by cpr or identityId, exactly one."));
        }
    }

    // Names only, exactly as written: no numbers, no "Active, Suspended" combinations Enum.TryParse would accept.
    public static bool TryEnum<T>(string? text, out T value)
        where T : struct, Enum
    {
        value = default;
        return text is not null && Enum.GetNames<T>().Contains(text, StringComparer.Ordinal) && Enum.TryParse(text, out value);
    }

    // The CVR in the path keys a grain only when it is one; refusals of the grains become problem details.
    /// <summary>Runs <paramref name="action"/> for a well-formed CVR, answering a refused rule as its problem.</summary>
    internal static async Task<IResult> ForOrganisationAsync(string cvr, Func<Task<IResult>> action)
    {
        if (!BusinessNumbers.IsCvr(cvr))
        {
            return BusinessProblems.Of(BrokerError.OrganisationCvrInvalid, "The path names no CVR number (8 digits, modulus 11).");
        }

        try
        {
            return await action();
        }
        catch (GrainRuleException ex)
        {
            return BusinessProblems.FromRule(ex);
        }
    }

    private static Task<IResult> ForEmployeeAsync(string cvr, string id, Func<Guid, Task<IResult>> action) =>
        ForOrganisationAsync(cvr, () => Guid.TryParseExact(id, "D", out var employeeId) ? action(employeeId) : Task.FromResult(UnknownEmployee()));

    private static IResult UnknownOrganisation() => BusinessProblems.Of(BrokerError.OrganisationUnknown, "No organisation is registered under this CVR number.");

    private static IResult UnknownEmployee() => BusinessProblems.Of(BrokerError.EmployeeUnknown, "The organisation has no business identity with this id.");
}
