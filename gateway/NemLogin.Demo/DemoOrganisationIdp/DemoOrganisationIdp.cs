using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using NemLogin.Demo.Hosting;
using NemLogin.Gateway.Hosting;
using NemLogin.Saml;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Metadata;
using NemLogin.Saml.Signing;

namespace NemLogin.Demo.DemoOrganisationIdp;

/// <summary>
/// The demo organisation's own SAML identity provider (a "lokal IdP") under <c>/demo-org-idp</c>: its entityID, its SSO
/// endpoint (HTTP-Redirect), its key pair (made on first start in the data folder, like the demo SP's) and its signed
/// metadata, which the broker registers for the demo organisation (<see cref="DemoOrganisationIdpRegistrar"/>). It knows
/// one employee. Like an IdP that reads its service provider's metadata, it encrypts its assertions to the broker when the
/// broker's SP metadata offers an encryption key (<see cref="EncryptionFor"/>), so the embedded demo exercises the decryption. A real organisation runs its IdP itself; this one lives in the embedded host only for the demo.
/// </summary>
internal sealed class DemoOrganisationIdp
{
    public const string BasePath = "/demo-org-idp";
    public const string EmailDomain = "demo-erhverv.example";
    public const string EmployeeEmail = "medarbejder@" + EmailDomain;
    public const string EmployeeFirstName = "Mette";
    public const string EmployeeLastName = "Medarbejder";

    /// <summary>The employee's persistent NameID toward the broker: opaque and stable, as the organisation's own user id.</summary>
    public const string EmployeeNameId = "urn:uuid:6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b";

    private readonly IBrokerUrls _urls;
    private readonly TimeProvider _time;
    private readonly Lazy<X509Certificate2> _certificate;

    public DemoOrganisationIdp(IBrokerUrls urls, IOptions<BrokerOptions> options, TimeProvider time)
    {
        _urls = urls;
        _time = time;
        var path = Path.Combine(options.Value.DataDirectory, "demo-org-idp", "demo-org-idp.pfx");
        _certificate = new Lazy<X509Certificate2>(() => DemoKeyFile.LoadOrCreate(
            path, "CN=Demo Erhverv ApS organisation IdP (DEMO ONLY)", X509KeyUsageFlags.DigitalSignature));
    }

    public string EntityId => _urls.Absolute(BasePath);

    public string SsoUrl => _urls.Absolute(BasePath + "/sso");

    public X509Certificate2 Certificate => _certificate.Value;

    public ISamlSigner Signer => new RsaSamlSigner(Certificate);

    /// <summary>
    /// How to encrypt for the broker as its SP metadata asks: its first encryption certificate, the first AES-GCM and the
    /// first RSA-OAEP method it lists (AES-256-GCM and rsa-oaep-mgf1p when it lists none); null when it offers no key.
    /// </summary>
    public static EncryptionTarget? EncryptionFor(ServiceProviderMetadata broker)
    {
        ArgumentNullException.ThrowIfNull(broker);
        if (broker.EncryptionCertificates.Count == 0)
        {
            return null;
        }

        var data = broker.EncryptionMethods.FirstOrDefault(m => m is SamlConstants.Algorithms.Aes256Gcm or SamlConstants.Algorithms.Aes128Gcm)
            ?? SamlConstants.Algorithms.Aes256Gcm;
        var transport = broker.EncryptionMethods.FirstOrDefault(m => m is SamlConstants.Algorithms.RsaOaepMgf1p or SamlConstants.Algorithms.RsaOaep)
            ?? SamlConstants.Algorithms.RsaOaepMgf1p;
        return new EncryptionTarget(broker.EncryptionCertificates[0], data, transport);
    }

    public Task<string> MetadataAsync(CancellationToken cancellationToken) =>
        MetadataWriter.WriteIdentityProviderAsync(new IdentityProviderDescriptor
        {
            EntityId = EntityId,
            SigningCertificates = [Certificate],
            SingleSignOnServices = [new EndpointInfo(SamlConstants.Bindings.HttpRedirect, SsoUrl, 0, true)],
            NameIdFormats = [SamlConstants.NameIdFormats.Persistent],
            Now = _time.GetUtcNow(),
            OrganizationName = DemoOrganisation.DemoOrganisation.Name,
        }, Signer, cancellationToken);
}
