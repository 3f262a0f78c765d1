using System.Collections.Immutable;

namespace NemLogin.Grains.Oidc;

[GrainType("nl.oidc.token-index")]
public sealed class OidcTokenIndexGrain(
    [PersistentState("index", StorageNames.Oidc)] IPersistentState<OidcTokenIndexState> state) : Grain, IOidcTokenIndexGrain
{
    public async Task AddAsync(string tokenId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        if (!state.State.TokenIds.Contains(tokenId, StringComparer.Ordinal))
        {
            state.State = state.State with { TokenIds = state.State.TokenIds.Add(tokenId) };
            await state.WriteStateAsync();
        }
    }

    public async Task RemoveAsync(string tokenId)
    {
        var next = state.State.TokenIds.Remove(tokenId, StringComparer.Ordinal);
        if (next.Length != state.State.TokenIds.Length)
        {
            state.State = state.State with { TokenIds = next };
            await state.WriteStateAsync();
        }
    }

    public Task<ImmutableArray<string>> ListAsync() => Task.FromResult(state.State.TokenIds);
}
