using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NemLogin.Saml;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Metadata;
using NemLogin.Saml.Signing;
using Xunit;

namespace NemLogin.Gateway.Tests.OrganisationIdp;

/// <summary>An organisation's own SAML IdP as a test drives it: its key, its metadata, and Responses it (or a forger) mints.</summary>
public sealed class TestOrganisationIdp
{
    public TestOrganisationIdp(string label, int keyBits = 2048)
    {
        EntityId = $"https://idp-{label}-{Guid.NewGuid():N}.test/saml";
        SsoUrl = EntityId + "/sso";
        Certificate = NewCertificate("CN=test organisation IdP", keyBits);
    }

    public string EntityId { get; }

    public string SsoUrl { get; }

    public X509Certificate2 Certificate { get; }

    public static X509Certificate2 NewCertificate(string subject, int keyBits = 2048)
    {
        using var rsa = RSA.Create(keyBits);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }

    public Task<string> MetadataAsync(string? ssoUrl = null, string binding = SamlConstants.Bindings.HttpRedirect) =>
        MetadataWriter.WriteIdentityProviderAsync(new IdentityProviderDescriptor
        {
            EntityId = EntityId,
            SigningCertificates = [Certificate],
            SingleSignOnServices = [new EndpointInfo(binding, ssoUrl ?? SsoUrl, 0, true)],
            Now = DateTimeOffset.UtcNow,
        }, new RsaSamlSigner(Certificate), TestContext.Current.CancellationToken);

    /// <summary>A Success Response with one plain assertion signed by <paramref name="signer"/> (the IdP's key unless forged).</summary>
    public Task<string> ResponseAsync(AssertionDescriptor assertion, X509Certificate2? signer = null) =>
        ResponseXml.WriteSuccessUnencryptedAsync("_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), assertion,
            new RsaSamlSigner(signer ?? Certificate), TestContext.Current.CancellationToken);

    /// <summary>What an honest IdP asserts in answer to <paramref name="requestId"/> for the broker at <paramref name="brokerBaseUrl"/>.</summary>
    public AssertionDescriptor Assertion(string brokerBaseUrl, string requestId, string nameId, string loa = "Substantial") => new()
    {
        Issuer = EntityId,
        Audience = brokerBaseUrl + "/upstream/org/metadata",
        Recipient = brokerBaseUrl + "/upstream/org/acs",
        InResponseTo = requestId,
        NameId = nameId,
        SessionIndex = "_s" + Guid.NewGuid().ToString("N"),
        IssueInstant = DateTimeOffset.UtcNow,
        AuthnInstant = DateTimeOffset.UtcNow,
        SessionNotOnOrAfter = DateTimeOffset.UtcNow.AddHours(1),
        AuthnContextClassRef = SamlConstants.OioSaml.LoaSubstantial,
        Attributes = [new SamlAttribute(SamlConstants.Attributes.Loa, [loa])],
    };
}
