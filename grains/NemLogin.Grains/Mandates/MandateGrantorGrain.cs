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
        Rules.Require(state.State.Given.Length < MaxMandates, BrokerError.MandateLimitReached, $"A grantor gives at most {MaxMandates} mandates.");

        // The id is chosen and stored with the request before the mandate exists: a repeat finds it and creates no second one.
        var id = Guid.NewGuid();
        state.State = state.State with
        {
            Given = state.State.Given.Add(id),
            Requests = RequestLog.Append(state.State.Requests, new ChangeReceipt(requestId, fingerprint, 1, now) { Created = id }),
        };
        await state.WriteStateAsync();
        return await Mandate(id).CreateAsync(normal, validFrom, status);
    }

    private IMandateGrain Mandate(Guid id) => GrainFactory.GetGrain<IMandateGrain>(id);
}
