namespace NemLogin.Grains.Identities;

/// <summary>A person known to the broker, keyed by its stable UUID.</summary>
[Alias("nl.identity")]
public interface IIdentityGrain : IGrainWithGuidKey
{
    /// <summary>The stored profile, or null when the identity does not exist.</summary>
    [Alias("get")]
    Task<IdentityProfile?> GetAsync();

    /// <summary>Creates the identity or updates it with what the upstream IdP just asserted.</summary>
    [Alias("update-from-upstream")]
    Task<IdentityProfile> UpdateFromUpstreamAsync(PersonAttributes attributes);

    /// <summary>
    /// The attributes one SP may receive and the identity's stable pseudonym for that SP (created on first use).
    /// The CPR number is included only when <paramref name="cprEntitled"/> is true.
    /// Refused with <c>identity.unknown</c> when the identity does not exist.
    /// </summary>
    [Alias("release-to")]
    Task<AttributeRelease> ReleaseToAsync(string serviceProviderId, bool cprEntitled);

    /// <summary>
    /// <see cref="UpdateFromUpstreamAsync"/> and then <see cref="ReleaseToAsync"/> in one call: a login's session records what
    /// the upstream said and asks for the release together.
    /// </summary>
    [Alias("update-and-release-to")]
    Task<AttributeRelease> UpdateAndReleaseToAsync(PersonAttributes attributes, string serviceProviderId, bool cprEntitled);

    /// <summary>
    /// Written by the person's <see cref="Mandates.IMandateIndexGrain"/> when its list of received mandates turns non-empty
    /// (before the index writes) or empty (after): lets a login skip the index for the many who hold none. Refused with
    /// <c>identity.unknown</c> when the identity does not exist (a mandate names only known persons).
    /// </summary>
    [Alias("note-mandates-held")]
    Task NoteMandatesHeldAsync(bool held);
}
