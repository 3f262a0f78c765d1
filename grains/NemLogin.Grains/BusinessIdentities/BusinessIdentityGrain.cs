using System.Collections.Immutable;
using NemLogin.Grains.Errors;
using NemLogin.Grains.Organisations;
using NemLogin.Grains.Requests;
using NemLogin.Grains.Rights;

namespace NemLogin.Grains.BusinessIdentities;

[GrainType("nl.business-identity")]
public sealed class BusinessIdentityGrain(
    [PersistentState("business-identity", StorageNames.Organisations)] IPersistentState<BusinessIdentityState> state,
    TimeProvider timeProvider) : Grain, IBusinessIdentityGrain
{
    /// <summary>Rights one identity may hold (every system together): a bound on the state a grant can grow.</summary>
    public const int MaxRights = 500;

    public Task<BusinessIdentity?> GetAsync() => Task.FromResult(state.State.Identity);

    public async Task CreateAsync(string cvr, EmployeeDetails employee)
    {
        ArgumentException.ThrowIfNullOrEmpty(cvr);
        ArgumentNullException.ThrowIfNull(employee);
        if (state.State.Identity is { } existing)
        {
            Rules.Require(existing.Cvr == cvr && state.State.Creation == employee, BrokerError.EmployeeExists, "A business identity with this id exists.");
        }
        else
        {
            var created = BusinessIdentity.Created(this.GetPrimaryKey(), cvr, employee, timeProvider.GetUtcNow());
            state.State = state.State with { Identity = created, Creation = employee };
            await state.WriteStateAsync();
        }

        await SyncIndexAsync();
    }

    public Task<ChangeReceipt> SetStatusAsync(string requestId, BusinessIdentityStatus status) =>
        ChangeAsync(requestId, "employee.set-status", status, identity =>
        {
            Rules.Require(Enum.IsDefined(status), BrokerError.EmployeeStatusInvalid, "The status is Active, Suspended or Revoked.");
            if (identity.Status == status)
            {
                return Task.FromResult(identity);
            }

            RequireNotRevoked(identity);

            // Revoking is final and forgets the rights: nothing a revoked identity held can come back with a later change.
            return Task.FromResult(status == BusinessIdentityStatus.Revoked ? identity with { Status = status, Rights = [] } : identity with { Status = status });
        });

    public Task<ChangeReceipt> BindPersonAsync(string requestId, Guid personId) =>
        ChangeAsync(requestId, "employee.bind-person", personId, identity =>
        {
            RequireNotRevoked(identity);
            Rules.Require(personId != Guid.Empty, BrokerError.EmployeePersonUnknown, "The person's identity id is not a valid id.");
            if (identity.PersonId == personId)
            {
                return Task.FromResult(identity);
            }

            Rules.Require(identity.PersonId is null, BrokerError.EmployeeAlreadyBound, "The business identity is bound to another person.");
            return Task.FromResult(identity with { PersonId = personId });
        });

    public Task<ChangeReceipt> GrantAsync(string requestId, Right right)
    {
        RequireWellFormed(right);
        return ChangeAsync(requestId, "employee.grant", right, async identity =>
        {
            RequireNotRevoked(identity);
            Rules.Require(identity.Status == BusinessIdentityStatus.Active, BrokerError.EmployeeNotActive, "Rights are granted to active business identities only.");

            var organisationCall = GrainFactory.Reference<IOrganisationGrain>(identity.Cvr).GetAsync();
            var catalogueCall = GrainFactory.Reference<IPrivilegeCatalogueGrain>(right.System.Key).GetAsync();
            var organisation = await organisationCall ?? throw Rules.Refuse(BrokerError.OrganisationUnknown, "The business identity's organisation is not registered.");
            var catalogue = await catalogueCall;
            Rules.Require(organisation.Details.Status == OrganisationStatus.Active, BrokerError.OrganisationNotActive, "Rights are granted in active organisations only.");
            Rules.Require(organisation.Owns(right.Scope), BrokerError.OrganisationScopeNotOwned, "The scope is not the organisation's CVR, nor one of its P units or SE numbers.");
            Rules.Require(catalogue?.Find(right.Privilege) is not null, BrokerError.RightsPrivilegeUnknown, "The IT system's catalogue does not define this privilege.");
            if (identity.Rights.Contains(right))
            {
                return identity;
            }

            Rules.Require(identity.Rights.Length < MaxRights, BrokerError.RightsLimitReached, $"A business identity holds at most {MaxRights} rights.");
            return identity with { Rights = identity.Rights.Add(right) };
        });
    }

    public Task<ChangeReceipt> RevokeRightAsync(string requestId, Right right)
    {
        RequireWellFormed(right);
        return ChangeAsync(requestId, "employee.revoke-right", right, identity =>
        {
            Rules.Require(identity.Rights.Contains(right), BrokerError.RightsUnknown, "The business identity does not hold this right.");
            return Task.FromResult(identity with { Rights = identity.Rights.Remove(right) });
        });
    }

    public async Task<BusinessRights?> GetRightsAsync(ItSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        if (state.State.Identity is not { } identity)
        {
            return null;
        }

        var held = identity.Rights.Where(r => r.System == system).ToArray();
        var organisationCall = GrainFactory.Reference<IOrganisationGrain>(identity.Cvr).GetAsync();
        var catalogueCall = identity.Status == BusinessIdentityStatus.Active && held.Length > 0 && system.IsWellFormed()
            ? GrainFactory.Reference<IPrivilegeCatalogueGrain>(system.Key).GetAsync()
            : Task.FromResult<PrivilegeCatalogue?>(null);
        var organisation = await organisationCall;
        var catalogue = await catalogueCall;
        var usable = identity.Status == BusinessIdentityStatus.Active && organisation?.Details.Status == OrganisationStatus.Active;

        // Only what holds now: a privilege that left the catalogue, or a scope the organisation gave up, is not carried.
        var privileges = usable && catalogue is not null
            ? held.Where(r => organisation!.Owns(r.Scope))
                .Select(r => (Right: r, Privilege: catalogue.Find(r.Privilege)))
                .Where(p => p.Privilege is not null)
                .Select(p => new GrantedPrivilege(p.Right.Privilege, p.Right.Scope, p.Privilege!.Constraints))
                .ToImmutableArray()
            : [];
        return new BusinessRights(
            identity.Id,
            identity.Cvr,
            identity.PersonId,
            identity.Status,
            identity.Loa,
            OwnedOrNull(organisation, identity.ProductionUnit, RightScope.ProductionUnit),
            OwnedOrNull(organisation, identity.SeNumber, RightScope.SeNumber),
            organisation?.Details.Name,
            organisation?.Details.Status,
            privileges)
        {
            OrganisationHoldsNoMandates = organisation?.HoldsNoMandates == true,
        };
    }

    private static string? OwnedOrNull(Organisation? organisation, string? number, Func<string, RightScope> scope) =>
        number is not null && organisation?.Owns(scope(number)) == true ? number : null;

    private static void RequireWellFormed(Right right)
    {
        ArgumentNullException.ThrowIfNull(right);
        Rules.Require(right.System?.IsWellFormed() == true && !string.IsNullOrEmpty(right.Privilege), BrokerError.RightsPrivilegeUnknown,
            "A right names an IT system and one of its privileges.");
        Rules.Require(right.Scope?.IsWellFormed() == true, BrokerError.RightsScopeInvalid, "The scope is a CVR number, a P number or an SE number.");
    }

    private static void RequireNotRevoked(BusinessIdentity identity) =>
        Rules.Require(identity.Status != BusinessIdentityStatus.Revoked, BrokerError.EmployeeRevoked, "The business identity is revoked; it changes no more.");

    // One change: a repeat answers its first receipt (the index brought in step first, in case the first attempt stopped
    // before it was); otherwise the rules in apply, and the state written (a new version when apply changed the identity).
    private async Task<ChangeReceipt> ChangeAsync<T>(string requestId, string operation, T content, Func<BusinessIdentity, Task<BusinessIdentity>> apply)
    {
        var fingerprint = RequestLog.Fingerprint(operation, content);
        if (RequestLog.Replay(state.State.Requests, requestId, fingerprint) is { } repeat)
        {
            await SyncIndexAsync();
            return repeat;
        }

        var identity = state.State.Identity ?? throw Rules.Refuse(BrokerError.EmployeeUnknown, "No business identity has this id.");
        var next = await apply(identity);
        var now = timeProvider.GetUtcNow();
        if (!ReferenceEquals(next, identity))
        {
            next = next with { Version = next.Version + 1, UpdatedAt = now };
        }

        var receipt = new ChangeReceipt(requestId, fingerprint, next.Version, now);
        state.State = state.State with { Identity = next, Requests = RequestLog.Append(state.State.Requests, receipt) };
        await state.WriteStateAsync();
        await SyncIndexAsync();
        return receipt;
    }

    // The person's index follows this grain's state: listed while bound and not revoked, with the current status.
    private Task SyncIndexAsync()
    {
        if (state.State.Identity is not { PersonId: { } person } identity)
        {
            return Task.CompletedTask;
        }

        var index = GrainFactory.Reference<IBusinessIdentityIndexGrain>(person);
        return identity.Status == BusinessIdentityStatus.Revoked
            ? index.RemoveAsync(identity.Id)
            : index.PutAsync(new BusinessIdentityEntry(identity.Id, identity.Cvr, identity.Status));
    }
}
