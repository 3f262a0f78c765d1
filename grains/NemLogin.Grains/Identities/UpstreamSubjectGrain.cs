namespace NemLogin.Grains.Identities;

[GrainType("nl.upstream-subject")]
public sealed class UpstreamSubjectGrain(
    [PersistentState("link", StorageNames.Identities)] IPersistentState<UpstreamSubjectState> state) : Grain, IUpstreamSubjectGrain
{
    public async Task<Guid> ResolveIdentityAsync()
    {
        if (state.RecordExists)
        {
            return state.State.IdentityId;
        }

        // Persisted before it is returned, so no caller ever holds an id that a later call would not give back.
        state.State = new UpstreamSubjectState { IdentityId = Guid.NewGuid() };
        await state.WriteStateAsync();
        return state.State.IdentityId;
    }
}
