namespace NemLogin.Grains.OrganisationIdps;

/// <summary>
/// One organisation's own SAML identity provider ("lokal IdP"), keyed by the organisation's CVR. The gateway validates the
/// metadata (signature keys, endpoints) before it calls <see cref="RegisterAsync"/>; the grain holds the rules on what is
/// stored: the organisation exists, the level cap (NSIS Substantial at most unless notified) and the e-mail domains, which
/// it claims in <see cref="IOrganisationIdpDirectoryGrain"/> before it stores anything.
/// </summary>
[Alias("nl.org-idp")]
public interface IOrganisationIdpGrain : IGrainWithStringKey
{
    /// <summary>The registration, or null when the organisation has registered no IdP.</summary>
    [Alias("get")]
    Task<OrganisationIdp?> GetAsync();

    /// <summary>
    /// Creates or replaces the registration. Refused: <c>organisation.cvr-invalid</c>, <c>organisation.unknown</c>,
    /// <c>organisation.idp-entity-id-invalid</c>, <c>organisation.idp-certificate-invalid</c> (none),
    /// <c>organisation.idp-endpoint-invalid</c>, <c>organisation.idp-loa-invalid</c> (not Low or Substantial, or High without
    /// the notified flag), <c>organisation.idp-domain-invalid</c> and <c>organisation.idp-domain-taken</c> (another
    /// organisation's IdP has it). Nothing is stored when refused.
    /// </summary>
    [Alias("register")]
    Task<OrganisationIdp> RegisterAsync(OrganisationIdpRegistration registration);

    /// <summary>Removes the registration and releases its domains; false when there was none.</summary>
    [Alias("remove")]
    Task<bool> RemoveAsync();
}
