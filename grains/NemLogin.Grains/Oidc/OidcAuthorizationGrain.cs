using System.Collections.Immutable;

namespace NemLogin.Grains.Oidc;

/// <summary>
/// The single writer of one authorization and the list of the tokens issued under it. A token grain attaches itself here
/// and learns the status in the same call (<see cref="AttachTokenAsync"/>), so revoking the chain cannot miss a token
/// being issued at that moment.
/// </summary>
[GrainType("nl.oidc.authorization")]
public sealed class OidcAuthorizationGrain(
    [PersistentState("authorization", StorageNames.Oidc)] IPersistentState<OidcAuthorizationState> state) : Grain, IOidcAuthorizationGrain
{
    public Task<OidcAuthorizationEntry?> GetAsync() => Task.FromResult(state.State.Entry);

    public async Task<OidcAuthorizationEntry> CreateAsync(OidcAuthorizationEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!string.Equals(entry.Id, this.GetPrimaryKeyString(), StringComparison.Ordinal))
        {
            throw new GrainRuleException("oidc.authorization-key", "The authorization id must be the grain key.");
        }

        if (state.State.Entry is not null)
        {
            throw new GrainRuleException("oidc.authorization-exists", "An authorization with this id exists.");
        }

        var stored = entry with { Version = 1 };
        state.State = state.State with { Entry = stored };
        await state.WriteStateAsync();
        return stored;
    }

    public async Task<OidcAuthorizationEntry?> ReplaceAsync(OidcAuthorizationEntry entry, int expectedVersion)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var current = state.State.Entry;
        if (current is null || current.Version != expectedVersion || (current.Status == OidcTokenGrain.Revoked && entry.Status != OidcTokenGrain.Revoked))
        {
            return null;
        }

        var stored = entry with { Version = current.Version + 1 };
        state.State = state.State with { Entry = stored };
        await state.WriteStateAsync();
        return stored;
    }

    public async Task<int> RevokeAsync()
    {
        if (state.State.Entry is { } current && current.Status != OidcTokenGrain.Revoked)
        {
            state.State = state.State with { Entry = current with { Status = OidcTokenGrain.Revoked, Version = current.Version + 1 } };
            await state.WriteStateAsync();
        }

        // The whole chain: the code, the refresh tokens rotated from it and the access tokens (RFC 9700 4.14.2).
        var tokens = await GetTokenIdsAsync();
        var revoked = await Task.WhenAll(tokens.Select(id => GrainFactory.Reference<IOidcTokenGrain>(id).RevokeAsync()));
        return revoked.Count(changed => changed);
    }

    public async Task<string?> AttachTokenAsync(string tokenId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        if (!state.State.TokenIds.Contains(tokenId, StringComparer.Ordinal))
        {
            state.State = state.State with { TokenIds = state.State.TokenIds.Add(tokenId) };
            await state.WriteStateAsync();
        }

        return state.State.Entry?.Status;
    }

    public async Task DetachTokenAsync(string tokenId)
    {
        var next = state.State.TokenIds.Remove(tokenId, StringComparer.Ordinal);
        if (next.Length != state.State.TokenIds.Length)
        {
            state.State = state.State with { TokenIds = next };
            await state.WriteStateAsync();
        }
    }

    public async Task<ImmutableArray<string>> GetTokenIdsAsync()
    {
        // Tokens issued before the authorization kept its own list were indexed in a grain of their own (OidcTokenIndexKey):
        // read too, until tokens that old have all expired.
        var earlier = await GrainFactory.Reference<IOidcTokenIndexGrain>(OidcTokenIndexKey.ForAuthorization(this.GetPrimaryKeyString())).ListAsync();
        return earlier.IsEmpty ? state.State.TokenIds : [.. state.State.TokenIds.Union(earlier, StringComparer.Ordinal)];
    }

    public async Task DeleteAsync()
    {
        if (state.State.Entry is not null)
        {
            // The token list stays: revoking by this id still reaches the tokens issued under it.
            if (state.State.TokenIds.IsEmpty)
            {
                await state.ClearStateAsync();
                state.State = new OidcAuthorizationState();
            }
            else
            {
                state.State = state.State with { Entry = null };
                await state.WriteStateAsync();
            }
        }

        DeactivateOnIdle();
    }
}
