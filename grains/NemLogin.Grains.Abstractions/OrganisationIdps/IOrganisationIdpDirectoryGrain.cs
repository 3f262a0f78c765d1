using System.Collections.Immutable;
using Orleans.Concurrency;

namespace NemLogin.Grains.OrganisationIdps;

/// <summary>
/// Which organisations have their own IdP and which e-mail domain belongs to which of them: what the login page reads to
/// find an employee's IdP from an e-mail address. One grain, key 0 (organisations with an IdP of their own are few).
/// Written only by <see cref="IOrganisationIdpGrain"/>s.
/// </summary>
[Alias("nl.org-idp.directory")]
public interface IOrganisationIdpDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>The CVR whose IdP claimed <paramref name="domain"/> (lower case), or null.</summary>
    [Alias("find-domain")]
    [ReadOnly]
    Task<string?> FindByDomainAsync(string domain);

    /// <summary>
    /// True when <paramref name="cvr"/> has registered an IdP (claimed before the IdP is stored, so the IdP grain confirms).
    /// Lets the login page answer a typed CVR without activating an IdP grain for every well-formed number.
    /// </summary>
    [Alias("lists")]
    [ReadOnly]
    Task<bool> ListsAsync(string cvr);

    /// <summary>True when at least one organisation has registered an IdP.</summary>
    [Alias("any")]
    [ReadOnly]
    Task<bool> AnyAsync();

    /// <summary>
    /// Records <paramref name="cvr"/> as having an IdP with exactly <paramref name="domains"/> (its earlier domains are
    /// released). Refused with <c>organisation.idp-domain-taken</c> when another organisation holds one of them; nothing changes then.
    /// </summary>
    [Alias("claim")]
    Task ClaimAsync(string cvr, ImmutableArray<string> domains);

    /// <summary>Forgets <paramref name="cvr"/> and its domains.</summary>
    [Alias("release")]
    Task ReleaseAsync(string cvr);
}
