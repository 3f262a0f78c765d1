namespace NemLogin.Grains.Sessions;

// Read once per logout at most: an activation is collected soon instead of after the default quarter of an hour.
[GrainType("nl.session-index")]
[CollectionAgeLimit(Minutes = 2)]
public sealed class SessionIndexGrain(
    [PersistentState("session-index", StorageNames.Sessions)] IPersistentState<SessionIndexState> state,
    TimeProvider timeProvider) : Grain, ISessionIndexGrain
{
    public async Task RecordAsync(string sessionId, DateTimeOffset keepUntil)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);

        // A SessionIndex is random per participant; one that is already taken by another session is never reassigned.
        if (await LiveAsync() is { } existing && !string.Equals(existing.SessionId, sessionId, StringComparison.Ordinal))
        {
            throw new GrainRuleException("session-index.taken", "The SessionIndex already belongs to another session.");
        }

        state.State = new SessionIndexState { SessionId = sessionId, KeepUntil = keepUntil };
        await state.WriteStateAsync();
    }

    public async Task<bool> MoveAsync(string fromSessionId, string toSessionId, DateTimeOffset keepUntil)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(toSessionId);
        if (await LiveAsync() is not { } existing || !string.Equals(existing.SessionId, fromSessionId, StringComparison.Ordinal))
        {
            return false;
        }

        state.State = new SessionIndexState { SessionId = toSessionId, KeepUntil = keepUntil };
        await state.WriteStateAsync();
        return true;
    }

    public async Task<string?> FindSessionAsync() => (await LiveAsync())?.SessionId;

    private async Task<SessionIndexState?> LiveAsync()
    {
        if (!state.RecordExists)
        {
            return null;
        }

        if (timeProvider.GetUtcNow() < state.State.KeepUntil)
        {
            return state.State;
        }

        await state.ClearStateAsync();
        DeactivateOnIdle();
        return null;
    }
}
