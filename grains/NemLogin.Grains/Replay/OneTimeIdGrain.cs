namespace NemLogin.Grains.Replay;

// Asked once per message (again only by a replay): the record stays in storage, the activation goes after two minutes
// rather than the default quarter of an hour, so memory does not grow with the login rate.
[GrainType("nl.one-time-id")]
[CollectionAgeLimit(Minutes = 2)]
public sealed class OneTimeIdGrain(
    [PersistentState(OneTimeIdGrain.StateName, StorageNames.OneTimeIds)] IPersistentState<OneTimeIdState> state,
    TimeProvider timeProvider) : Grain, IOneTimeIdGrain
{
    /// <summary>The state's name: its rows' <c>grain_type</c> in PostgreSQL, which the silo's purge of expired IDs selects by.</summary>
    public const string StateName = "use";

    public async Task<bool> TryUseAsync(DateTimeOffset keepUntil)
    {
        if (state.RecordExists && timeProvider.GetUtcNow() < state.State.KeepUntil)
        {
            return false;
        }

        // Written before answering true: if the write fails the caller gets an error (fail closed), and a crash
        // after it cannot let a second use through.
        state.State = new OneTimeIdState { KeepUntil = keepUntil };
        await state.WriteStateAsync();
        return true;
    }
}
