namespace NemLogin.Grains.Replay;

[GrainType("nl.one-time-id")]
public sealed class OneTimeIdGrain(
    [PersistentState("use", StorageNames.OneTimeIds)] IPersistentState<OneTimeIdState> state,
    TimeProvider timeProvider) : Grain, IOneTimeIdGrain
{
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
