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

    /// <summary>
    /// Employees one batch may add: well below <see cref="RequestLog.MaxEntries"/>, so every receipt of a batch stays in the
    /// log beside the organisation's other recent requests.
    /// </summary>
    public const int MaxBatch = 50;

    public async Task<BusinessIdentity> AddEmployeeAsync(string requestId, EmployeeDetails employee) =>
        (await AddAsync([new EmployeeAddition(requestId, employee)]))[0];

    public Task<ImmutableArray<BusinessIdentity>> AddEmployeesAsync(ImmutableArray<EmployeeAddition> employees) =>
        AddAsync(RequestLog.RequireBatch(employees, e => e.RequestId, MaxBatch, BrokerError.OrganisationBatchInvalid));

    // One path for a single addition and a batch: every item checked before anything is stored, one write for all, then
    // the identities created.
    private async Task<ImmutableArray<BusinessIdentity>> AddAsync(ImmutableArray<EmployeeAddition> additions)
    {
        OrganisationRules.RequireCvr(Cvr);
        var items = additions.Select(addition =>
        {
            ArgumentNullException.ThrowIfNull(addition.Employee);
            var fingerprint = RequestLog.Fingerprint(AddEmployeeOperation, addition.Employee);
            return (addition.RequestId, addition.Employee, Fingerprint: fingerprint, Repeat: RequestLog.Replay(state.State.Requests, addition.RequestId, fingerprint));
        }).ToArray();

        var now = timeProvider.GetUtcNow();
        var ids = new Guid[items.Length];
        if (items.Any(i => i.Repeat is null))
        {
            var organisation = state.State.Organisation ?? throw Rules.Refuse(BrokerError.OrganisationUnknown, "No organisation is registered under this CVR.");
            Rules.Require(organisation.Details.Status == OrganisationStatus.Active, BrokerError.OrganisationNotActive, "Employees are added to active organisations only.");
            var employees = state.State.Employees.ToBuilder();
            var requests = state.State.Requests;
            for (var i = 0; i < items.Length; i++)
            {
                var (requestId, employee, fingerprint, repeat) = items[i];
                if (repeat is not null)
                {
                    continue;
                }

                Rules.Require(employee.Loa is LevelOfAssurance.Low or LevelOfAssurance.Substantial or LevelOfAssurance.High, BrokerError.EmployeeLoaInvalid,
                    "The level of assurance is Low, Substantial or High.");
                Rules.Require(employee.PersonId != Guid.Empty, BrokerError.EmployeePersonUnknown, "The person's identity id is not a valid id.");
                RequireOwned(organisation, employee.ProductionUnit, RightScope.ProductionUnit);
                RequireOwned(organisation, employee.SeNumber, RightScope.SeNumber);

                // The id is chosen and stored with the request before the identity exists: a repeat finds it and creates no second one.
                ids[i] = Guid.NewGuid();
                employees.Add(ids[i]);
                requests = RequestLog.Append(requests, new ChangeReceipt(requestId, fingerprint, organisation.Version, now) { Created = ids[i] });
            }

            await WriteAsync(state.State with { Employees = employees.ToImmutable(), Requests = requests });
        }

        // A repeat may have stopped between this grain's write and the identity's: finish it (a repeat there is a no-op).
        return [.. await Task.WhenAll(items.Select(async (item, i) =>
        {
            if (item.Repeat is { } repeat)
            {
                var earlier = repeat.Created ?? throw new InvalidOperationException("An employee's receipt names the identity it created.");
                await Employee(earlier).CreateAsync(Cvr, item.Employee);
                return BusinessIdentity.Created(earlier, Cvr, item.Employee, repeat.At);
            }

            await Employee(ids[i]).CreateAsync(Cvr, item.Employee);
            return BusinessIdentity.Created(ids[i], Cvr, item.Employee, now);
        }))];
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

    private IBusinessIdentityGrain Employee(Guid id) => GrainFactory.Reference<IBusinessIdentityGrain>(id);

    private async Task WriteAsync(OrganisationState next)
    {
        state.State = next;
        await state.WriteStateAsync();
        _stored = Stored(next);
    }

    private static Organisation? Stored(OrganisationState stored) =>
        stored.Organisation is { } organisation ? organisation with { HoldsNoMandates = stored.MandatesHeld == false } : null;
}
