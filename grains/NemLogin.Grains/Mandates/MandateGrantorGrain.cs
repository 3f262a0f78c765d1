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

    public Task<Mandate> GrantAsync(string requestId, MandateDetails details) => CreateAsync(requestId, "mandate.grant", details, MandateStatus.Active);

    public Task<Mandate> RequestAsync(string requestId, MandateDetails details) => CreateAsync(requestId, "mandate.request", details, MandateStatus.Requested);

    public Task<ImmutableArray<Guid>> ListAsync() => Task.FromResult(state.State.Given);

    private async Task<Mandate> CreateAsync(string requestId, string operation, MandateDetails details, MandateStatus status)
    {
        var normal = MandateRules.Normalise(details);
        Rules.Require(normal.Grantor == MandateParty.FromKey(this.GetPrimaryKeyString()), BrokerError.MandatePartyInvalid,
            "The grantor is the party this ledger belongs to.");
        var fingerprint = RequestLog.Fingerprint(operation, normal);
        if (RequestLog.Replay(state.State.Requests, requestId, fingerprint) is { } repeat)
        {
            var earlier = repeat.Created ?? throw new InvalidOperationException("A mandate's receipt names the mandate it created.");

            // The first attempt may have stopped between this grain's write and the mandate's: finish it. A mandate revoked
            // since stays revoked (the mandate grain keeps its own state), so a replay never brings it back.
            return await Mandate(earlier).CreateAsync(normal, normal.ValidFrom ?? repeat.At, status);
        }

        var now = timeProvider.GetUtcNow();
        var validFrom = normal.ValidFrom ?? now;
        await MandateRules.CheckAsync(GrainFactory, normal, validFrom, now);
        var open = status == MandateStatus.Requested ? await StillOpenAsync(normal.Grantee) : state.State.Open;
        Rules.Require(state.State.Given.Length - open.Length < MaxMandates, BrokerError.MandateLimitReached, $"A grantor gives at most {MaxMandates} mandates.");

        // The id is chosen and stored with the request before the mandate exists: a repeat finds it and creates no second one.
        var id = Guid.NewGuid();
        state.State = state.State with
        {
            Given = state.State.Given.Add(id),
            Requests = RequestLog.Append(state.State.Requests, new ChangeReceipt(requestId, fingerprint, 1, now) { Created = id }),
            Open = status == MandateStatus.Requested ? open.Add(new OpenMandateRequest(id, normal.Grantee)) : open,
        };
        await state.WriteStateAsync();
        return await Mandate(id).CreateAsync(normal, validFrom, status);
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

    private IMandateGrain Mandate(Guid id) => GrainFactory.GetGrain<IMandateGrain>(id);
}
