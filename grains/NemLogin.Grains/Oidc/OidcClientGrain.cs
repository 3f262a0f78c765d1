namespace NemLogin.Grains.Oidc;

[GrainType("nl.oidc.client")]
public sealed class OidcClientGrain(
    [PersistentState("client", StorageNames.Oidc)] IPersistentState<OidcClientState> state) : Grain, IOidcClientGrain
{
    public Task<OidcClient?> GetAsync() => Task.FromResult(state.State.Client);

    public async Task<(OidcClient Client, bool Created)> RegisterAsync(OidcClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        OidcClientRules.Check(this.GetPrimaryKeyString(), client);
        var created = state.State.Client is null;
        var stored = client with { Version = (state.State.Client?.Version ?? 0) + 1 };

        // The directory first: a client it lists but that is not stored yet is skipped by readers; the reverse would hide it.
        await GrainFactory.GetGrain<IOidcClientDirectoryGrain>(IOidcClientDirectoryGrain.Key).TrackAsync(stored.ClientId);
        state.State = new OidcClientState { Client = stored };
        await state.WriteStateAsync();
        return (stored, created);
    }

    public async Task<bool> DeleteAsync()
    {
        if (state.State.Client is null)
        {
            return false;
        }

        await state.ClearStateAsync();
        await GrainFactory.GetGrain<IOidcClientDirectoryGrain>(IOidcClientDirectoryGrain.Key).ForgetAsync(this.GetPrimaryKeyString());
        state.State = new OidcClientState();
        return true;
    }
}
