using System.Collections.Immutable;
using NemLogin.Grains.Errors;
using NemLogin.Grains.Requests;

namespace NemLogin.Grains.Mandates;

[GrainType("nl.mandate.grantor")]
public sealed class MandateGrantorGrain(
    [PersistentState("mandate-grantor", StorageNames.Mandates)] IPersistentState<MandateGrantorState> state,
    TimeProvider timeProvider) : Grain, IMandateGrantorGrain
{
    /// <summary>Mandates one grantor may give or be asked for (every status together): a bound on the state it can grow.</summary>
    public const int MaxMandates = 10_000;

    /// <summary>
    /// Grants one batch may hold: well below <see cref="RequestLog.MaxEntries"/>, so every receipt of a batch stays in the
    /// log beside the grantor's other recent requests.
    /// </summary>
    public const int MaxBatch = 50;

    public async Task<Mandate> GrantAsync(string requestId, MandateDetails details) =>
        (await CreateAsync("mandate.grant", MandateStatus.Active, [new MandateGrant(requestId, details)]))[0];

    public async Task<Mandate> RequestAsync(string requestId, MandateDetails details) =>
        (await CreateAsync("mandate.request", MandateStatus.Requested, [new MandateGrant(requestId, details)]))[0];

    public Task<ImmutableArray<Mandate>> GrantManyAsync(ImmutableArray<MandateGrant> grants) =>
        CreateAsync("mandate.grant", MandateStatus.Active, RequestLog.RequireBatch(grants, g => g.RequestId, MaxBatch, BrokerError.MandateBatchInvalid));

    public Task<ImmutableArray<Guid>> ListAsync() => Task.FromResult(state.State.Given);

    // One path for a single grant and a batch: every item checked (form, grantor, request id) before anything is read or
    // stored, the new ones checked against the store together, one ledger write for all, then the mandates created.
    private async Task<ImmutableArray<Mandate>> CreateAsync(string operation, MandateStatus status, ImmutableArray<MandateGrant> grants)
    {
        var self = MandateParty.FromKey(this.GetPrimaryKeyString());
        var items = grants.Select(grant =>
        {
            var normal = MandateRules.Normalise(grant.Details);
            Rules.Require(normal.Grantor == self, BrokerError.MandatePartyInvalid, "The grantor is the party this ledger belongs to.");
            var fingerprint = RequestLog.Fingerprint(operation, normal);
            return (grant.RequestId, Normal: normal, Fingerprint: fingerprint, Repeat: RequestLog.Replay(state.State.Requests, grant.RequestId, fingerprint));
        }).ToArray();

        var now = timeProvider.GetUtcNow();
        var fresh = items.Where(i => i.Repeat is null).ToArray();
        var ids = new Guid[items.Length];
        if (fresh.Length > 0)
        {
            await MandateRules.CheckAsync(GrainFactory, [.. fresh.Select(i => (i.Normal, i.Normal.ValidFrom ?? now))], now);
            Rules.Require(state.State.Given.Length + fresh.Length <= MaxMandates, BrokerError.MandateLimitReached, $"A grantor gives at most {MaxMandates} mandates.");

            // The ids are chosen and stored with the requests before the mandates exist: a repeat finds them and creates no second ones.
            var given = state.State.Given.ToBuilder();
            var requests = state.State.Requests;
            for (var i = 0; i < items.Length; i++)
            {
                if (items[i].Repeat is null)
                {
                    ids[i] = Guid.NewGuid();
                    given.Add(ids[i]);
                    requests = RequestLog.Append(requests, new ChangeReceipt(items[i].RequestId, items[i].Fingerprint, 1, now) { Created = ids[i] });
                }
            }

            state.State = state.State with { Given = given.ToImmutable(), Requests = requests };
            await state.WriteStateAsync();
        }

        // A repeat may have stopped between this grain's write and the mandate's: finish it. A mandate revoked since stays
        // revoked (the mandate grain keeps its own state), so a replay never brings it back.
        var created = items.Select((item, i) => item.Repeat is { } repeat
            ? Mandate(repeat.Created ?? throw new InvalidOperationException("A mandate's receipt names the mandate it created."))
                .CreateAsync(item.Normal, item.Normal.ValidFrom ?? repeat.At, status)
            : Mandate(ids[i]).CreateAsync(item.Normal, item.Normal.ValidFrom ?? now, status));
        return [.. await Task.WhenAll(created)];
    }

    private IMandateGrain Mandate(Guid id) => GrainFactory.GetGrain<IMandateGrain>(id);
}
