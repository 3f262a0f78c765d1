using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NemLogin.Saml;
using NemLogin.Saml.Bindings;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Metadata;
using NemLogin.Saml.Signing;
using NemLogin.Saml.Validation;
using Xunit;

namespace NemLogin.Gateway.Tests.Support;

/// <summary>
/// A service provider of the test's own, built on the project's SAML library but with its own keys and entityID,
/// registered through the metadata folder like any SP a deployment lists.
/// </summary>
public sealed class TestServiceProvider
{
    public TestServiceProvider(string entityId, string acsUrl, string? dataEncryption = null, string? keyTransport = null, int keyBits = 2048)
    {
        EntityId = entityId;
        AcsUrl = acsUrl;
        Certificate = CreateCertificate(entityId, keyBits);
        EncryptionMethods = dataEncryption is null ? [] : [dataEncryption, keyTransport!];
    }

    public string EntityId { get; }

    public string AcsUrl { get; }

    public X509Certificate2 Certificate { get; }

    /// <summary>The EncryptionMethod algorithms its metadata lists, in its order of preference.</summary>
    public IReadOnlyList<string> EncryptionMethods { get; init; }

    public string Metadata() => MetadataWriter.WriteServiceProvider(new ServiceProviderDescriptor
    {
        EntityId = EntityId,
        SigningCertificate = Certificate,
        EncryptionCertificate = Certificate,
        EncryptionMethods = EncryptionMethods,
        AssertionConsumerServices = [new EndpointInfo(SamlConstants.Bindings.HttpPost, AcsUrl, 0, true)],
        SingleLogoutServices = [],
        RequestedAttributes =
        [
            new RequestedAttributeInfo(SamlConstants.Attributes.SpecVersion, true),
            new RequestedAttributeInfo(SamlConstants.Attributes.Loa, true),
            new RequestedAttributeInfo(SamlConstants.Attributes.FullName, false),
            new RequestedAttributeInfo(SamlConstants.Attributes.CprNumber, false),
            new RequestedAttributeInfo(SamlConstants.Attributes.DateOfBirth, false),
        ],
        ServiceName = "Test SP " + EntityId,
    });

    /// <summary>Writes this SP's metadata into the folder the broker reads at start-up.</summary>
    public void WriteMetadataTo(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(EntityId)))[..16] + ".xml"), Metadata());
    }

    public AuthnRequest NewRequest(string ssoUrl, string loaClassRef = SamlConstants.OioSaml.LoaSubstantial, bool forceAuthn = false, bool isPassive = false, string? acsUrl = null) => new()
    {
        Id = "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        IssueInstant = DateTimeOffset.UtcNow,
        Destination = ssoUrl,
        Issuer = EntityId,
        AssertionConsumerServiceUrl = acsUrl ?? AcsUrl,
        ProtocolBinding = SamlConstants.Bindings.HttpPost,
        ForceAuthn = forceAuthn,
        IsPassive = isPassive,
        NameIdPolicyFormat = SamlConstants.NameIdFormats.Persistent,
        RequestedAuthnContext = new RequestedAuthnContext("minimum", [loaClassRef]),
    };

    public Task<string> RedirectUrlAsync(string ssoUrl, AuthnRequest request, string? relayState = null) =>
        RedirectBinding.BuildUrlAsync(ssoUrl, "SAMLRequest", AuthnRequestXml.Write(request), relayState, new RsaSamlSigner(Certificate), TestContext.Current.CancellationToken);

    /// <summary>The AuthnRequest signed in the XML (HTTP-POST binding), base64-encoded as the form field carries it.</summary>
    public async Task<string> PostBindingValueAsync(AuthnRequest request) =>
        PostBinding.Encode(await AuthnRequestXml.WriteSignedAsync(request, new RsaSamlSigner(Certificate), TestContext.Current.CancellationToken));

    public Valid<SamlAssertion> Validate(string responseXml, string expectedInResponseTo, IdentityProviderMetadata idp) =>
        ResponseValidator.Validate(responseXml, new ResponseValidationContext
        {
            ServiceProviderEntityId = EntityId,
            AssertionConsumerServiceUrl = AcsUrl,
            ExpectedInResponseTo = expectedInResponseTo,
            IdentityProviderEntityId = idp.EntityId,
            IdentityProviderSigningCertificates = idp.SigningCertificates,
            DecryptionCertificates = [Certificate],
            Now = DateTimeOffset.UtcNow,
        }, SamlLimits.Default);

    private static X509Certificate2 CreateCertificate(string entityId, int keyBits)
    {
        using var rsa = RSA.Create(keyBits);
        var request = new CertificateRequest($"CN=test sp {Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(entityId)))[..12]}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }
}
