using System.Security.Cryptography.X509Certificates;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Metadata;
using NemLogin.Saml.Signing;
using NemLogin.Saml.Tests.Support;

namespace NemLogin.Saml.Tests.Messages;

/// <summary>A broker, a service provider and an attacker with throwaway keys, shared by the message and validator tests.</summary>
internal static class TestParties
{
    public const string IdpEntityId = "https://broker.test/saml";
    public const string SsoUrl = "https://broker.test/saml/sso";
    public const string SpEntityId = "https://sp.test/saml";
    public const string AcsUrl = "https://sp.test/saml/acs";
    public const string SecondAcsUrl = "https://sp.test/saml/acs2";
    public const string NameId = "https://data.gov.dk/model/core/eid/person/uuid/0e3d6c8a-58a8-4c63-9d4b-1f6f2d2a9a11";

    private static readonly Lazy<X509Certificate2> IdpCertificate = new(() => TestCertificates.CreateRsa("broker-signing"));
    private static readonly Lazy<X509Certificate2> SpSigningCertificate = new(() => TestCertificates.CreateRsa("sp-signing"));
    private static readonly Lazy<X509Certificate2> SpEncryptionCertificate = new(() => TestCertificates.CreateRsa("sp-encryption"));
    private static readonly Lazy<X509Certificate2> AttackerCertificate = new(() => TestCertificates.CreateRsa("attacker"));

    /// <summary>The broker's signing key and certificate (with private key).</summary>
    public static X509Certificate2 Idp => IdpCertificate.Value;

    public static X509Certificate2 SpSigning => SpSigningCertificate.Value;

    /// <summary>The service provider's encryption certificate, with the private key it decrypts with.</summary>
    public static X509Certificate2 SpEncryption => SpEncryptionCertificate.Value;

    public static X509Certificate2 Attacker => AttackerCertificate.Value;

    public static ISamlSigner IdpSigner => new RsaSamlSigner(Idp);

    public static ISamlSigner SpSigner => new RsaSamlSigner(SpSigning);

    public static ISamlSigner AttackerSigner => new RsaSamlSigner(Attacker);

    /// <summary>Public part only, as metadata would carry it.</summary>
    public static X509Certificate2 PublicOnly(X509Certificate2 certificate) => X509CertificateLoader.LoadCertificate(certificate.RawData);

    public static EncryptionTarget GcmTarget =>
        new(PublicOnly(SpEncryption), SamlConstants.Algorithms.Aes256Gcm, SamlConstants.Algorithms.RsaOaep);

    public static EncryptionTarget CbcTarget =>
        new(PublicOnly(SpEncryption), SamlConstants.Algorithms.Aes256Cbc, SamlConstants.Algorithms.RsaOaepMgf1p);

    public static IReadOnlyList<EndpointInfo> RegisteredAcs =>
    [
        new(SamlConstants.Bindings.HttpPost, AcsUrl, 0, IsDefault: true),
        new(SamlConstants.Bindings.HttpPost, SecondAcsUrl, 1, IsDefault: false),
        new("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact", "https://sp.test/saml/artifact", 2, IsDefault: false),
    ];

    public static AuthnRequest Request(DateTimeOffset now) => new()
    {
        IssueInstant = now,
        Destination = SsoUrl,
        Issuer = SpEntityId,
        AssertionConsumerServiceUrl = AcsUrl,
        ProtocolBinding = SamlConstants.Bindings.HttpPost,
        NameIdPolicyFormat = SamlConstants.NameIdFormats.Persistent,
        AllowCreate = true,
        RequestedAuthnContext = new RequestedAuthnContext("minimum", [SamlConstants.OioSaml.LoaSubstantial]),
    };

    public static AssertionDescriptor Assertion(DateTimeOffset now, string? inResponseTo = "_request-1") => new()
    {
        Issuer = IdpEntityId,
        Audience = SpEntityId,
        Recipient = AcsUrl,
        InResponseTo = inResponseTo,
        NameId = NameId,
        SessionIndex = "_session-1",
        IssueInstant = now,
        AuthnInstant = now.AddSeconds(-30),
        SessionNotOnOrAfter = now.AddHours(8),
        AuthenticatingAuthority = "https://mitid.test/idp",
        Attributes =
        [
            new(SamlConstants.Attributes.SpecVersion, [SamlConstants.OioSaml.SpecVersionValue]),
            new(SamlConstants.Attributes.Loa, ["Substantial"]),
            new(SamlConstants.Attributes.FirstName, ["Test"]),
            new(SamlConstants.Attributes.Email, ["one@example.test", "two@example.test"]),
        ],
    };
}
