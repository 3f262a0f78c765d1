using System.Collections.Immutable;
using NemLogin.Grains.Errors;
using NemLogin.Grains.Requests;

namespace NemLogin.Grains.Mandates;

[GrainType("nl.mandate.grantor")]
public sealed class MandateGrantorGrain(
    [PersistentState("mandate-grantor", StorageNames.Mandates)] IPersistentState<MandateGrantorState> state,
    TimeProvider timeProvider) : Grain, IMandateGrantorGrain
{
    /// <summary>
    /// Mandates one grantor may give (every status together, requests it has answered included): a bound on the state it
    /// can grow. Open requests do not count, so other people's requests never stop a grantor from granting.
    /// </summary>
    public const int MaxMandates = 10_000;

    /// <summary>Unanswered requests a grantor holds at once: anyone who knows a CPR number can ask, so the queue is bounded.</summary>
    public const int MaxOpenRequests = 50;

    /// <summary>Unanswered requests one grantee holds at one grantor: one person cannot fill the grantor's queue.</summary>
    public const int MaxOpenRequestsPerGrantee = 3;

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
            // A request is one item (RequestAsync); its grantee's place in the grantor's queue is checked first.
            var open = status == MandateStatus.Requested ? await StillOpenAsync(fresh[0].Normal.Grantee) : state.State.Open;
            Rules.Require(state.State.Given.Length - open.Length + fresh.Length <= MaxMandates, BrokerError.MandateLimitReached, $"A grantor gives at most {MaxMandates} mandates.");

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

            state.State = state.State with
            {
                Given = given.ToImmutable(),
                Requests = requests,
                Open = status == MandateStatus.Requested ? open.Add(new OpenMandateRequest(ids[0], items[0].Normal.Grantee)) : open,
            };
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

    /// <summary>
    /// The open requests after a new one from <paramref name="grantee"/> is admitted, or a refusal when a queue is full.
    /// Approvals and declines reach the mandate grains, not this ledger, so when a queue looks full the ledger asks its
    /// open mandates for their status and forgets the answered ones (at most <see cref="MaxOpenRequests"/> calls, and only
    /// then); the forgetting is stored with the new request.
    /// </summary>
    private async Task<ImmutableArray<OpenMandateRequest>> StillOpenAsync(MandateParty grantee)
    {
        var open = state.State.Open;
        if (IsFull(open, grantee))
        {
            var statuses = await Task.WhenAll(open.Select(async r => (Request: r, Mandate: await Mandate(r.Id).GetAsync())));
            open = [.. statuses.Where(s => s.Mandate is { Status: MandateStatus.Requested }).Select(s => s.Request)];
        }

        Rules.Require(open.Count(r => r.Grantee == grantee) < MaxOpenRequestsPerGrantee, BrokerError.MandateRequestLimitReached,
            $"A grantee holds at most {MaxOpenRequestsPerGrantee} unanswered requests at one grantor.");
        Rules.Require(open.Length < MaxOpenRequests, BrokerError.MandateRequestLimitReached,
            $"A grantor holds at most {MaxOpenRequests} unanswered requests.");
        return open;
    }

    private static bool IsFull(ImmutableArray<OpenMandateRequest> open, MandateParty grantee) =>
        open.Length >= MaxOpenRequests || open.Count(r => r.Grantee == grantee) >= MaxOpenRequestsPerGrantee;

    private IMandateGrain Mandate(Guid id) => GrainFactory.Reference<IMandateGrain>(id);
}
