namespace NemLogin.Grains.Oidc;

/// <summary>One authorization, keyed by its id; changes are compare-and-set on <see cref="OidcAuthorizationEntry.Version"/>.</summary>
[Alias("nl.oidc.authorization")]
public interface IOidcAuthorizationGrain : IGrainWithStringKey
{
    /// <summary>The entry, or null. Interleaves (a read): a token grain asks it while this grain revokes that token.</summary>
    [Alias("get")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<OidcAuthorizationEntry?> GetAsync();

    /// <summary>Creates the entry (version 1). Refused with <c>oidc.authorization-exists</c> when the id is taken.</summary>
    [Alias("create")]
    Task<OidcAuthorizationEntry> CreateAsync(OidcAuthorizationEntry entry);

    /// <summary>Replaces the entry when its version is still <paramref name="expectedVersion"/>; null when another writer came first.</summary>
    [Alias("replace")]
    Task<OidcAuthorizationEntry?> ReplaceAsync(OidcAuthorizationEntry entry, int expectedVersion);

    /// <summary>
    /// Marks the authorization and every token issued under it revoked; returns how many tokens changed. Works without an
    /// entry too (the tokens attached under the id are revoked). A token created under it afterwards is stored revoked.
    /// </summary>
    [Alias("revoke")]
    Task<int> RevokeAsync();

    /// <summary>
    /// Records a token issued under this authorization, so that revoking the authorization revokes it, and returns the
    /// authorization's status (null without an entry). Both happen in one turn of this grain: a revocation either comes
    /// first, and the caller is told "revoked", or comes after and finds the token (RFC 9700 4.14.2).
    /// </summary>
    [Alias("attach-token")]
    Task<string?> AttachTokenAsync(string tokenId);

    /// <summary>Forgets a token that no longer exists.</summary>
    [Alias("detach-token")]
    Task DetachTokenAsync(string tokenId);

    /// <summary>The ids of the tokens issued under this authorization.</summary>
    [Alias("token-ids")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<System.Collections.Immutable.ImmutableArray<string>> GetTokenIdsAsync();

    [Alias("delete")]
    Task DeleteAsync();
}
