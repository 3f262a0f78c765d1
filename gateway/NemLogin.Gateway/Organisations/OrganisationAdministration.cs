using System.Collections.Immutable;
using NemLogin.Gateway.Audit;
using NemLogin.Grains;
using NemLogin.Grains.Audit;
using NemLogin.Grains.BusinessIdentities;
using NemLogin.Grains.Errors;
using NemLogin.Grains.Identities;
using NemLogin.Grains.Organisations;
using NemLogin.Grains.Requests;
using NemLogin.Grains.Rights;

namespace NemLogin.Gateway.Organisations;

/// <summary>
/// Every change to organisations, business identities, rights and privileges catalogues (admin API, demo seeding), each
/// audited with its outcome. Records and log lines name the organisation by CVR, identities by UUID and IT systems by id;
/// never an organisation's or a person's name, never a CPR number. Refusals are rethrown (<see cref="GrainRuleException"/>)
/// for the caller to answer.
/// </summary>
internal sealed class OrganisationAdministration(IGrainFactory grains, IAuditTrail audit, ILogger<OrganisationAdministration> logger)
{
    public Task<Organisation> SaveAsync(HttpContext? context, string cvr, string requestId, OrganisationDetails details, string actor) =>
        AuditedAsync(context, AuditActions.OrganisationSave, actor, new Subject(cvr), () => grains.Reference<IOrganisationGrain>(cvr).SaveAsync(requestId, details),
            saved => (saved.Version, null));

    public async Task<BusinessIdentity> AddEmployeeAsync(HttpContext? context, string cvr, string requestId, EmployeeDetails employee, string actor)
    {
        try
        {
            var created = await grains.Reference<IOrganisationGrain>(cvr).AddEmployeeAsync(requestId, employee);
            Succeeded(context, AuditActions.EmployeeCreate, actor, new Subject(cvr, created.Id), created.Version, employee.PersonId is null ? "unbound" : "bound");
            return created;
        }
        catch (GrainRuleException ex)
        {
            Refused(context, AuditActions.EmployeeCreate, actor, new Subject(cvr), ex);
            throw;
        }
    }

    public Task<ChangeReceipt> SetStatusAsync(HttpContext? context, string cvr, Guid employeeId, string requestId, BusinessIdentityStatus status, string actor) =>
        EmployeeChangeAsync(context, AuditActions.EmployeeStatus, actor, new Subject(cvr, employeeId), $"status {status}",
            employee => employee.SetStatusAsync(requestId, status));

    public Task<ChangeReceipt> BindPersonAsync(HttpContext? context, string cvr, Guid employeeId, string requestId, Guid personId, string actor) =>
        EmployeeChangeAsync(context, AuditActions.EmployeeBind, actor, new Subject(cvr, employeeId), null,
            employee => employee.BindPersonAsync(requestId, personId));

    public Task<ChangeReceipt> GrantAsync(HttpContext? context, string cvr, Guid employeeId, string requestId, Right right, string actor) =>
        EmployeeChangeAsync(context, AuditActions.RightGrant, actor, new Subject(cvr, employeeId, right.System.Id), Describe(right),
            employee => employee.GrantAsync(requestId, right));

    public Task<ChangeReceipt> RevokeRightAsync(HttpContext? context, string cvr, Guid employeeId, string requestId, Right right, string actor) =>
        EmployeeChangeAsync(context, AuditActions.RightRevoke, actor, new Subject(cvr, employeeId, right.System.Id), Describe(right),
            employee => employee.RevokeRightAsync(requestId, right));

    public Task<PrivilegeCatalogue> ReplaceCatalogueAsync(HttpContext? context, ItSystem system, string requestId, ImmutableArray<Privilege> privileges, string actor) =>
        AuditedAsync(context, AuditActions.PrivilegesReplace, actor, new Subject(null, null, system.Id),
            () => grains.Reference<IPrivilegeCatalogueGrain>(system.Key).ReplaceAsync(requestId, privileges),
            stored => (stored.Version, $"{stored.Privileges.Length} privileges"));

    /// <summary>
    /// The business identity <paramref name="employeeId"/> of organisation <paramref name="cvr"/>, or null: an identity of
    /// another organisation is not found under this one.
    /// </summary>
    public async Task<BusinessIdentity?> FindEmployeeAsync(string cvr, Guid employeeId) =>
        await grains.Reference<IBusinessIdentityGrain>(employeeId).GetAsync() is { } employee && employee.Cvr == cvr ? employee : null;

    /// <summary>
    /// The private identity of the person with this CPR number, found in the CPR index (so only a person who has logged in
    /// at the broker) and checked against the identity itself. Refused: <c>employee.person-unknown</c>,
    /// <c>employee.person-ambiguous</c> (two identities hold the number).
    /// </summary>
    public async Task<Guid> FindPersonByCprAsync(string cprNumber)
    {
        var holders = await Mandates.CprHolders.FindAsync(grains, cprNumber);
        return holders.Length switch
        {
            1 => holders[0],
            0 => throw Refusal(BrokerError.EmployeePersonUnknown, "No one with this CPR number has logged in at the broker."),
            _ => throw Refusal(BrokerError.EmployeePersonAmbiguous, "More than one identity holds this CPR number; bind by identity id."),
        };
    }

    /// <summary>The private identity <paramref name="personId"/>, when it exists; refused with <c>employee.person-unknown</c>.</summary>
    public async Task<Guid> RequirePersonAsync(Guid personId) =>
        await grains.Reference<IIdentityGrain>(personId).GetAsync() is not null
            ? personId
            : throw Refusal(BrokerError.EmployeePersonUnknown, "No identity has this id.");

    private static GrainRuleException Refusal(BrokerError error, string message) => new(BrokerErrors.Name(error), message);

    private static string Describe(Right right) => $"privilege {right.Privilege}; scope {right.Scope.Urn}";

    private async Task<ChangeReceipt> EmployeeChangeAsync(
        HttpContext? context, string action, string actor, Subject subject, string? detail, Func<IBusinessIdentityGrain, Task<ChangeReceipt>> change) =>
        await AuditedAsync(context, action, actor, subject, async () =>
        {
            // An identity is changed only under its own organisation's path.
            if (await FindEmployeeAsync(subject.Cvr!, subject.EmployeeId!.Value) is null)
            {
                throw Refusal(BrokerError.EmployeeUnknown, "The organisation has no business identity with this id.");
            }

            return await change(grains.Reference<IBusinessIdentityGrain>(subject.EmployeeId.Value));
        }, receipt => (receipt.Version, detail));

    private async Task<T> AuditedAsync<T>(HttpContext? context, string action, string actor, Subject subject, Func<Task<T>> change, Func<T, (long Version, string? Detail)> describe)
    {
        try
        {
            var result = await change();
            var (version, detail) = describe(result);
            Succeeded(context, action, actor, subject, version, detail);
            return result;
        }
        catch (GrainRuleException ex)
        {
            Refused(context, action, actor, subject, ex);
            throw;
        }
    }

    private void Succeeded(HttpContext? context, string action, string actor, Subject subject, long version, string? detail)
    {
        Log.OrganisationChanged(logger, action, subject.Cvr ?? "-", actor, subject.Describe(), version);
        audit.Record(context, new AuditEvent(AuditCategory.Administration, action, AuditOutcome.Success)
        {
            Actor = actor,
            ServiceProvider = subject.ItSystem,
            IdentityId = subject.EmployeeId,
            Detail = subject.Detail($"version {version}" + (detail is null ? string.Empty : "; " + detail)),
        });
    }

    private void Refused(HttpContext? context, string action, string actor, Subject subject, GrainRuleException ex)
    {
        Log.OrganisationChangeRefused(logger, action, subject.Cvr, actor, subject.Describe(), ex.Code);
        audit.Record(context, new AuditEvent(AuditCategory.Administration, action, AuditOutcome.Refused)
        {
            Actor = actor,
            ServiceProvider = subject.ItSystem,
            IdentityId = subject.EmployeeId,
            Code = ex.Code,
            Detail = subject.Detail(null),
        });
    }

    /// <summary>What a change is about, by id only.</summary>
    private sealed record Subject(string? Cvr, Guid? EmployeeId = null, string? ItSystem = null)
    {
        public string Describe() => EmployeeId is { } id ? $"employee {id}" : ItSystem is { } system ? $"IT system {system}" : "organisation";

        public string? Detail(string? rest) => (Cvr is null ? rest : $"cvr {Cvr}" + (rest is null ? string.Empty : "; " + rest));
    }
}
