namespace NemLogin.Grains.Oidc;

/// <summary>
/// The single writer of one token entry. Orleans runs one call at a time here (not reentrant), so the version check and
/// the write in <see cref="ReplaceAsync"/> cannot interleave with another redemption.
/// </summary>
[GrainType("nl.oidc.token")]
public sealed class OidcTokenGrain(
    [PersistentState("token", StorageNames.Oidc)] IPersistentState<OidcTokenState> state) : Grain, IOidcTokenGrain
{
    public const string Revoked = "revoked";
    public const string Redeemed = "redeemed";

    public Task<OidcTokenEntry?> GetAsync() => Task.FromResult(state.State.Entry);

    public async Task<OidcTokenEntry> CreateAsync(OidcTokenEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!string.Equals(entry.Id, this.GetPrimaryKeyString(), StringComparison.Ordinal))
        {
            throw new GrainRuleException("oidc.token-key", "The token id must be the grain key.");
        }

        if (state.State.Entry is not null)
        {
            throw new GrainRuleException("oidc.token-exists", "A token entry with this id exists.");
        }

        var stored = entry with { Version = 1 };
        await IndexAsync(null, stored);

        // A replayed code revokes its chain while the first redeemer may still be issuing tokens: attached and checked in
        // one turn of the authorization grain, so a token is either found by the revocation or sees the revoked
        // authorization (RFC 9700 4.14.2).
        if (stored.AuthorizationId is { Length: > 0 } authorizationId
            && await GrainFactory.Reference<IOidcAuthorizationGrain>(authorizationId).AttachTokenAsync(stored.Id) == Revoked)
        {
            stored = stored with { Status = Revoked };
        }

        state.State = new OidcTokenState { Entry = stored };
        await state.WriteStateAsync();
        return stored;
    }

    public async Task<OidcTokenEntry?> ReplaceAsync(OidcTokenEntry entry, int expectedVersion)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var current = state.State.Entry;
        if (current is null || current.Version != expectedVersion || !string.Equals(entry.Id, current.Id, StringComparison.Ordinal))
        {
            return null;
        }

        // A revoked token stays revoked: a writer that read it before the revocation cannot bring it back.
        if (current.Status == Revoked && entry.Status != Revoked)
        {
            return null;
        }

        // Redeemed once: OpenIddict re-reads the entry just before it marks it redeemed, so a second redeemer that read it
        // after the first one's write carries the current version. Only a token not yet redeemed may become redeemed, so that
        // second redemption fails like a concurrent one (RFC 6749 4.1.2: a code is used at most once).
        if (string.Equals(entry.Status, Redeemed, StringComparison.Ordinal) && string.Equals(current.Status, Redeemed, StringComparison.Ordinal))
        {
            return null;
        }

        var stored = entry with { Version = current.Version + 1 };
        await IndexAsync(current, stored);
        if (!string.Equals(current.AuthorizationId, stored.AuthorizationId, StringComparison.Ordinal))
        {
            await AttachAsync(current.AuthorizationId, stored.AuthorizationId);
        }

        state.State = new OidcTokenState { Entry = stored };
        await state.WriteStateAsync();
        return stored;
    }

    public async Task<bool> RevokeAsync()
    {
        var current = state.State.Entry;
        if (current is null)
        {
            return false;
        }

        if (current.Status != Revoked)
        {
            state.State = new OidcTokenState { Entry = current with { Status = Revoked, Version = current.Version + 1 } };
            await state.WriteStateAsync();
        }

        return true;
    }

    public async Task DeleteAsync()
    {
        if (state.State.Entry is { } current)
        {
            await IndexAsync(current, null);
            await AttachAsync(current.AuthorizationId, null);
            await state.ClearStateAsync();
            state.State = new OidcTokenState();
        }

        DeactivateOnIdle();
    }

    private async Task IndexAsync(OidcTokenEntry? before, OidcTokenEntry? after)
    {
        var id = this.GetPrimaryKeyString();
        foreach (var key in Keys(before).Except(Keys(after)))
        {
            await GrainFactory.Reference<IOidcTokenIndexGrain>(key).RemoveAsync(id);
        }

        foreach (var key in Keys(after).Except(Keys(before)))
        {
            await GrainFactory.Reference<IOidcTokenIndexGrain>(key).AddAsync(id);
        }
    }

    private async Task AttachAsync(string? before, string? after)
    {
        var id = this.GetPrimaryKeyString();
        if (before is { Length: > 0 })
        {
            await GrainFactory.Reference<IOidcAuthorizationGrain>(before).DetachTokenAsync(id);
        }

        if (after is { Length: > 0 })
        {
            await GrainFactory.Reference<IOidcAuthorizationGrain>(after).AttachTokenAsync(id);
        }
    }

    // The authorization keeps its own token list (AttachTokenAsync); only reference ids have an index grain.
    private static IEnumerable<string> Keys(OidcTokenEntry? entry)
    {
        if (entry?.ReferenceId is { Length: > 0 } reference)
        {
            yield return OidcTokenIndexKey.ForReference(reference);
        }
    }
}
