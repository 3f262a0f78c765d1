using NemLogin.Gateway.Hosting;
using NemLogin.Gateway.Signing;
using NemLogin.Saml;
using NemLogin.Saml.Metadata;

namespace NemLogin.Gateway.Upstream.Organisations;

/// <summary>
/// The broker as a SAML service provider toward organisations' own IdPs: its entityID (the metadata URL), its one ACS
/// (<c>/upstream/org/acs</c>, HTTP-POST) and its signed metadata. It signs AuthnRequests with the signer pool's SAML key and
/// publishes no encryption key: the pool decrypts nothing, so organisation IdPs send signed, unencrypted assertions over
/// https (docs/security.md, organisations' own IdPs).
/// </summary>
internal sealed class OrganisationIdpServiceProvider(IBrokerUrls urls, BrokerSigningKeys keys, TimeProvider time)
{
    public const string MetadataPath = "/upstream/org/metadata";
    public const string AcsPath = "/upstream/org/acs";
    private static readonly TimeSpan ValidFor = TimeSpan.FromDays(7);

    public string EntityId => urls.Absolute(MetadataPath);

    public string AssertionConsumerServiceUrl => urls.Absolute(AcsPath);

    public async Task<string> MetadataAsync(CancellationToken cancellationToken) =>
        await MetadataWriter.WriteSigningServiceProviderAsync(
            EntityId,
            await keys.GetSamlCertificatesAsync(cancellationToken),
            [new EndpointInfo(SamlConstants.Bindings.HttpPost, AssertionConsumerServiceUrl, 0, true)],
            time.GetUtcNow() + ValidFor,
            await keys.GetSamlSignerAsync(cancellationToken),
            cancellationToken);
}
