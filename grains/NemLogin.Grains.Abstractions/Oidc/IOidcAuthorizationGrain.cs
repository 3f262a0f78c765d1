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
    /// entry too (the tokens indexed under the id are revoked). A token created under it afterwards is stored revoked.
    /// </summary>
    [Alias("revoke")]
    Task<int> RevokeAsync();

    [Alias("delete")]
    Task DeleteAsync();
}
