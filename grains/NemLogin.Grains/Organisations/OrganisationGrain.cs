using System.Collections.Immutable;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.BusinessIdentities;
using NemLogin.Grains.Errors;
using NemLogin.Grains.Requests;
using NemLogin.Grains.Rights;

namespace NemLogin.Grains.Organisations;

[GrainType("nl.organisation")]
public sealed class OrganisationGrain(
    [PersistentState("organisation", StorageNames.Organisations)] IPersistentState<OrganisationState> state,
    TimeProvider timeProvider) : Grain, IOrganisationGrain
{
    private const string SaveOperation = "organisation.save";
    private const string AddEmployeeOperation = "organisation.add-employee";

    // What GetAsync answers: only what is stored. GetAsync interleaves (a business identity's grant reads the organisation
    // while this grain may be waiting on that identity), so it must never see a state set but not yet written.
    private Organisation? _stored;

    private string Cvr => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _stored = Stored(state.State);
        return Task.CompletedTask;
    }

    public Task<Organisation?> GetAsync() => Task.FromResult(_stored);

    public Task NoteMandatesHeldAsync(bool held)
    {
        if (state.State.Organisation is null)
        {
            throw Rules.Refuse(BrokerError.OrganisationUnknown, "No organisation is registered under this CVR.");
        }

        return state.State.MandatesHeld == held ? Task.CompletedTask : WriteAsync(state.State with { MandatesHeld = held });
    }

    public async Task<Organisation> SaveAsync(string requestId, OrganisationDetails details)
    {
        OrganisationRules.RequireCvr(Cvr);
        var normal = OrganisationRules.Normalise(details);
        var fingerprint = RequestLog.Fingerprint(SaveOperation, normal);
        var current = state.State.Organisation;
        if (RequestLog.Replay(state.State.Requests, requestId, fingerprint) is { } repeat)
        {
            return new Organisation(Cvr, normal, repeat.Version, current!.CreatedAt, repeat.At) { HoldsNoMandates = state.State.MandatesHeld == false };
        }

        Rules.Require(current?.Details.Status != OrganisationStatus.Closed, BrokerError.OrganisationClosed, "The organisation is closed; it changes no more.");
        Rules.Require(normal.Administrators.All(a => state.State.Employees.Contains(a)), BrokerError.OrganisationAdministratorInvalid,
            "Every administrator is a business identity of this organisation.");

        var now = timeProvider.GetUtcNow();
        var saved = current is null
            ? new Organisation(Cvr, normal, 1, now, now)
            : SameDetails(current.Details, normal) ? current : current with { Details = normal, Version = current.Version + 1, UpdatedAt = now };
        await WriteAsync(state.State with
        {
            Organisation = saved,

            // A mandate names only registered organisations, so a new one holds none yet.
            MandatesHeld = current is null ? false : state.State.MandatesHeld,
            Requests = RequestLog.Append(state.State.Requests, new ChangeReceipt(requestId, fingerprint, saved.Version, saved.UpdatedAt)),
        });
        return _stored!;
    }

    public async Task<BusinessIdentity> AddEmployeeAsync(string requestId, EmployeeDetails employee)
    {
        ArgumentNullException.ThrowIfNull(employee);
        OrganisationRules.RequireCvr(Cvr);
        var fingerprint = RequestLog.Fingerprint(AddEmployeeOperation, employee);
        if (RequestLog.Replay(state.State.Requests, requestId, fingerprint) is { } repeat)
        {
            var earlier = repeat.Created ?? throw new InvalidOperationException("An employee's receipt names the identity it created.");

            // The first attempt may have stopped between this grain's write and the identity's: finish it (a repeat there is a no-op).
            await Employee(earlier).CreateAsync(Cvr, employee);
            return BusinessIdentity.Created(earlier, Cvr, employee, repeat.At);
        }

        var organisation = state.State.Organisation ?? throw Rules.Refuse(BrokerError.OrganisationUnknown, "No organisation is registered under this CVR.");
        Rules.Require(organisation.Details.Status == OrganisationStatus.Active, BrokerError.OrganisationNotActive, "Employees are added to active organisations only.");
        Rules.Require(employee.Loa is LevelOfAssurance.Low or LevelOfAssurance.Substantial or LevelOfAssurance.High, BrokerError.EmployeeLoaInvalid,
            "The level of assurance is Low, Substantial or High.");
        Rules.Require(employee.PersonId != Guid.Empty, BrokerError.EmployeePersonUnknown, "The person's identity id is not a valid id.");
        RequireOwned(organisation, employee.ProductionUnit, RightScope.ProductionUnit);
        RequireOwned(organisation, employee.SeNumber, RightScope.SeNumber);

        // The id is chosen and stored with the request before the identity exists: a repeat finds it and creates no second one.
        var id = Guid.NewGuid();
        var now = timeProvider.GetUtcNow();
        await WriteAsync(state.State with
        {
            Employees = state.State.Employees.Add(id),
            Requests = RequestLog.Append(state.State.Requests, new ChangeReceipt(requestId, fingerprint, organisation.Version, now) { Created = id }),
        });
        await Employee(id).CreateAsync(Cvr, employee);
        return BusinessIdentity.Created(id, Cvr, employee, now);
    }

    public Task<ImmutableArray<Guid>> ListEmployeesAsync() => Task.FromResult(state.State.Employees);

    private static void RequireOwned(Organisation organisation, string? number, Func<string, RightScope> scope)
    {
        if (number is null)
        {
            return;
        }

        var wanted = scope(number);
        Rules.Require(wanted.IsWellFormed(), wanted.Kind == RightScopeKind.SeNumber ? BrokerError.OrganisationSeNumberInvalid : BrokerError.OrganisationProductionUnitInvalid,
            "A P number has 10 digits, an SE number 8.");
        Rules.Require(organisation.Owns(wanted), BrokerError.OrganisationScopeNotOwned, "The P unit or SE number is not the organisation's.");
    }

    private static bool SameDetails(OrganisationDetails a, OrganisationDetails b) =>
        a.Name == b.Name && a.Status == b.Status
        && a.ProductionUnits.SequenceEqual(b.ProductionUnits) && a.SeNumbers.SequenceEqual(b.SeNumbers) && a.Administrators.SequenceEqual(b.Administrators);

    private IBusinessIdentityGrain Employee(Guid id) => GrainFactory.GetGrain<IBusinessIdentityGrain>(id);

    private async Task WriteAsync(OrganisationState next)
    {
        state.State = next;
        await state.WriteStateAsync();
        _stored = Stored(next);
    }

    private static Organisation? Stored(OrganisationState stored) =>
        stored.Organisation is { } organisation ? organisation with { HoldsNoMandates = stored.MandatesHeld == false } : null;
}
