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
        await GrainFactory.Reference<IOidcClientDirectoryGrain>(IOidcClientDirectoryGrain.Key).TrackAsync(stored.ClientId);
        state.State = new OidcClientState { Client = stored };
        await state.WriteStateAsync();
        return (stored, created);
    }

    public async Task<bool> ReplaceSecretHashAsync(string current, string replacement)
    {
        ArgumentException.ThrowIfNullOrEmpty(replacement);
        if (state.State.Client is not { ClientSecretHash: { } stored } client || !string.Equals(stored, current, StringComparison.Ordinal))
        {
            return false;
        }

        // The same registration under a new hash of the same secret; the version moves so that readers see a change.
        state.State = new OidcClientState { Client = client with { ClientSecretHash = replacement, Version = client.Version + 1 } };
        await state.WriteStateAsync();
        return true;
    }

    public async Task<bool> DeleteAsync()
    {
        if (state.State.Client is null)
        {
            return false;
        }

        await state.ClearStateAsync();
        await GrainFactory.Reference<IOidcClientDirectoryGrain>(IOidcClientDirectoryGrain.Key).ForgetAsync(this.GetPrimaryKeyString());
        state.State = new OidcClientState();
        return true;
    }
}
