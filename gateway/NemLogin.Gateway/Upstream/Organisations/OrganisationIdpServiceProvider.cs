using NemLogin.Gateway.Hosting;
using NemLogin.Gateway.Signing;
using NemLogin.Saml;
using NemLogin.Saml.Metadata;

namespace NemLogin.Gateway.Upstream.Organisations;

/// <summary>
/// The broker as a SAML service provider toward organisations' own IdPs: its entityID (the metadata URL), its one ACS
/// (<c>/upstream/org/acs</c>, HTTP-POST) and its signed metadata. It signs AuthnRequests with the signer pool's SAML key and
/// publishes the pool's encryption keys with <see cref="EncryptionMethods"/>, so an organisation IdP may encrypt its
/// assertions to the broker; the pool decrypts the key, the gateway the content (docs/security.md, organisations' own IdPs).
/// </summary>
internal sealed class OrganisationIdpServiceProvider(IBrokerUrls urls, BrokerSigningKeys keys, BrokerEncryptionKeys encryptionKeys, TimeProvider time)
{
    /// <summary>
    /// What the broker decrypts, in its preference order: AES-GCM content (never CBC: unauthenticated, docs/security.md),
    /// RSA-OAEP key transport with rsa-oaep-mgf1p first, which every SAML stack writes and every HSM decrypts (SHA-1
    /// digest; XML Encryption 1.1's rsa-oaep with SHA-256 needs an HSM that implements it — SoftHSM2 2.6 does not).
    /// </summary>
    public static readonly IReadOnlyList<string> EncryptionMethods =
    [
        SamlConstants.Algorithms.Aes256Gcm,
        SamlConstants.Algorithms.Aes128Gcm,
        SamlConstants.Algorithms.RsaOaepMgf1p,
        SamlConstants.Algorithms.RsaOaep,
    ];

    public const string MetadataPath = "/upstream/org/metadata";
    public const string AcsPath = "/upstream/org/acs";
    private static readonly TimeSpan ValidFor = TimeSpan.FromDays(7);

    public string EntityId => urls.Absolute(MetadataPath);

    public string AssertionConsumerServiceUrl => urls.Absolute(AcsPath);

    public async Task<string> MetadataAsync(CancellationToken cancellationToken) =>
        await MetadataWriter.WriteSigningServiceProviderAsync(
            EntityId,
            await keys.GetSamlCertificatesAsync(cancellationToken),
            await encryptionKeys.GetCertificatesAsync(cancellationToken),
            EncryptionMethods,
            [new EndpointInfo(SamlConstants.Bindings.HttpPost, AssertionConsumerServiceUrl, 0, true)],
            time.GetUtcNow() + ValidFor,
            await keys.GetSamlSignerAsync(cancellationToken),
            cancellationToken);
}
