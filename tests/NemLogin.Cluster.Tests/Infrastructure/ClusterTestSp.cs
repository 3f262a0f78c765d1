using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NemLogin.Saml;
using NemLogin.Saml.Bindings;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Metadata;
using NemLogin.Saml.Signing;

namespace NemLogin.Cluster.Tests.Infrastructure;

/// <summary>
/// The service provider the cluster tests log in to: registered through the gateways' metadata folder, signs its
/// AuthnRequests (redirect binding) with its own key. Its ACS is never called: the test reads the broker's POST form.
/// </summary>
internal sealed class ClusterTestSp
{
    public const string EntityId = "https://cluster-test-sp.nemlogin.test";
    public const string AcsUrl = "https://cluster-test-sp.nemlogin.test/acs";

    private readonly X509Certificate2 _certificate = CreateCertificate();
    private readonly string _entityId;
    private readonly string _acsUrl;

    /// <summary>The SP of the metadata folder; another entityID makes an SP to register through the admin API.</summary>
    public ClusterTestSp(string entityId = EntityId, string acsUrl = AcsUrl)
    {
        _entityId = entityId;
        _acsUrl = acsUrl;
    }

    public void WriteMetadata(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "cluster-test-sp.xml"), Metadata());
    }

    public string Metadata() => MetadataWriter.WriteServiceProvider(new ServiceProviderDescriptor
    {
        EntityId = _entityId,
        SigningCertificate = _certificate,
        EncryptionCertificate = _certificate,
        AssertionConsumerServices = [new EndpointInfo(SamlConstants.Bindings.HttpPost, _acsUrl, 0, true)],
        RequestedAttributes = [new RequestedAttributeInfo(SamlConstants.Attributes.Loa, true)],
        ServiceName = "Cluster test SP",
    });

    /// <summary>A signed redirect URL carrying a fresh AuthnRequest for the gateway at <paramref name="gatewayBaseUrl"/>.</summary>
    public async Task<(string Url, string RequestId)> LoginUrlAsync(string gatewayBaseUrl, CancellationToken cancellationToken)
    {
        var ssoUrl = gatewayBaseUrl + "/saml/sso";
        var request = new AuthnRequest
        {
            Id = "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            IssueInstant = DateTimeOffset.UtcNow,
            Destination = ssoUrl,
            Issuer = _entityId,
            AssertionConsumerServiceUrl = _acsUrl,
            ProtocolBinding = SamlConstants.Bindings.HttpPost,
            NameIdPolicyFormat = SamlConstants.NameIdFormats.Persistent,
            RequestedAuthnContext = new RequestedAuthnContext("minimum", [SamlConstants.OioSaml.LoaSubstantial]),
        };
        var url = await RedirectBinding.BuildUrlAsync(ssoUrl, "SAMLRequest", AuthnRequestXml.Write(request), null, new RsaSamlSigner(_certificate), cancellationToken);
        return (url, request.Id);
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=cluster test sp", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
