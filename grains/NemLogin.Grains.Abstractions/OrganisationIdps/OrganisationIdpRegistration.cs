using System.Collections.Immutable;
using NemLogin.Grains.Assurance;

namespace NemLogin.Grains.OrganisationIdps;

/// <summary>
/// What the admin API registers for an organisation's own SAML identity provider, after its metadata passed the SAML
/// library's checks in the gateway: the IdP's entityID, its signing certificates (DER, current first), the
/// SingleSignOnService the broker sends AuthnRequests to, the highest level it may assert, and the e-mail domains by which
/// the login page finds it. <see cref="RequireEncryption"/>: the IdP must encrypt its assertions to the broker's encryption
/// key; a plain (signed) assertion from it is refused. Without it both are taken (docs/security.md, organisations' own IdPs).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("nl.org-idp.registration")]
public sealed record OrganisationIdpRegistration(
    [property: Id(0)] string EntityId,
    [property: Id(1)] ImmutableArray<byte[]> SigningCertificates,
    [property: Id(2)] string SingleSignOnUrl,
    [property: Id(3)] string SingleSignOnBinding,
    [property: Id(4)] LevelOfAssurance MaxLoa,
    [property: Id(5)] bool Notified,
    [property: Id(6)] ImmutableArray<string> EmailDomains,
    [property: Id(7)] bool RequireEncryption = false);
