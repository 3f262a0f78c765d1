namespace NemLogin.Grains.Oidc;

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
        state.State = new OidcAuthorizationState { Entry = stored };
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
        state.State = new OidcAuthorizationState { Entry = stored };
        await state.WriteStateAsync();
        return stored;
    }

    public async Task<int> RevokeAsync()
    {
        if (state.State.Entry is { } current && current.Status != OidcTokenGrain.Revoked)
        {
            state.State = new OidcAuthorizationState { Entry = current with { Status = OidcTokenGrain.Revoked, Version = current.Version + 1 } };
            await state.WriteStateAsync();
        }

        // The whole chain: the code, the refresh tokens rotated from it and the access tokens (RFC 9700 4.14.2).
        var tokens = await GrainFactory.Reference<IOidcTokenIndexGrain>(OidcTokenIndexKey.ForAuthorization(this.GetPrimaryKeyString())).ListAsync();
        var revoked = await Task.WhenAll(tokens.Select(id => GrainFactory.Reference<IOidcTokenGrain>(id).RevokeAsync()));
        return revoked.Count(changed => changed);
    }

    public async Task DeleteAsync()
    {
        if (state.State.Entry is not null)
        {
            await state.ClearStateAsync();
            state.State = new OidcAuthorizationState();
        }

        DeactivateOnIdle();
    }
}
