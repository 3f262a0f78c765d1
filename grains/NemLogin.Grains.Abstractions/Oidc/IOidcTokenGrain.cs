namespace NemLogin.Grains.Oidc;

/// <summary>
/// One token entry, keyed by its id. The grain is the entry's single writer: every change is a compare-and-set on
/// <see cref="OidcTokenEntry.Version"/>, so of two gateways (in two data centres, say) redeeming the same authorization
/// code at the same instant exactly one succeeds; the other is told its copy is stale.
/// </summary>
[Alias("nl.oidc.token")]
public interface IOidcTokenGrain : IGrainWithStringKey
{
    /// <summary>The entry, or null when there is none (never created, deleted or pruned).</summary>
    [Alias("get")]
    Task<OidcTokenEntry?> GetAsync();

    /// <summary>Creates the entry (version 1) and indexes it by reference id and authorization id. Refused with <c>oidc.token-exists</c> when the id is taken.</summary>
    [Alias("create")]
    Task<OidcTokenEntry> CreateAsync(OidcTokenEntry entry);

    /// <summary>
    /// Replaces the entry when the stored version is still <paramref name="expectedVersion"/> and returns the stored entry
    /// (with the next version); null when another writer came first or the entry is gone.
    /// </summary>
    [Alias("replace")]
    Task<OidcTokenEntry?> ReplaceAsync(OidcTokenEntry entry, int expectedVersion);

    /// <summary>Marks the entry revoked whatever its version (revocation always wins); false when there is no entry.</summary>
    [Alias("revoke")]
    Task<bool> RevokeAsync();

    /// <summary>Removes the entry and its index entries.</summary>
    [Alias("delete")]
    Task DeleteAsync();
}
