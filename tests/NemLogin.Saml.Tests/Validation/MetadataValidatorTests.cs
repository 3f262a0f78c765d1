using System.Security.Cryptography;
using NemLogin.Saml.Metadata;
using NemLogin.Saml.Signatures;
using NemLogin.Saml.Tests.Messages;
using NemLogin.Saml.Tests.Support;
using NemLogin.Saml.Validation;
using Xunit;

namespace NemLogin.Saml.Tests.Validation;

public sealed class MetadataValidatorTests
{
    private static readonly DateTimeOffset Now = TimeProvider.System.GetUtcNow();

    private static ServiceProviderMetadata ServiceProvider => new()
    {
        EntityId = TestParties.SpEntityId,
        SigningCertificates = [TestParties.PublicOnly(TestParties.SpSigning)],
        EncryptionCertificates = [TestParties.PublicOnly(TestParties.SpEncryption)],
        AssertionConsumerServices = TestParties.RegisteredAcs,
        SingleLogoutServices = [new(SamlConstants.Bindings.HttpRedirect, "https://sp.test/saml/logout", 0, false)],
        RequestedAttributes = [new(SamlConstants.Attributes.SpecVersion, true)],
        AuthnRequestsSigned = true,
        WantAssertionsSigned = true,
    };

    private static IdentityProviderMetadata IdentityProvider => new()
    {
        EntityId = TestParties.IdpEntityId,
        SigningCertificates = [TestParties.PublicOnly(TestParties.Idp)],
        SingleSignOnServices = [new(SamlConstants.Bindings.HttpRedirect, TestParties.SsoUrl, 0, false)],
        WantAuthnRequestsSigned = true,
    };

    private static SamlErrorCode SpError(ServiceProviderMetadata metadata, bool allowHttpLoopback = false) =>
        Assert.Throws<SamlException>(() => MetadataValidator.ValidateServiceProvider(metadata, Now, allowHttpLoopback)).Code;

    private static SamlErrorCode IdpError(IdentityProviderMetadata metadata) =>
        Assert.Throws<SamlException>(() => MetadataValidator.ValidateIdentityProvider(metadata, Now)).Code;

    [Fact]
    public void ValidateServiceProvider_Complete_IsValid()
    {
        var valid = MetadataValidator.ValidateServiceProvider(ServiceProvider, Now);

        Assert.Equal(TestParties.SpEntityId, valid.Value.EntityId);
    }

    [Fact]
    public void ValidateServiceProvider_NoSigningCertificate_MetadataCertificateMissing() =>
        // Signature exclusion: an SP without a signing key could never have its requests checked.
        Assert.Equal(SamlErrorCode.MetadataCertificateMissing, SpError(ServiceProvider with { SigningCertificates = [] }));

    [Fact]
    public void ValidateServiceProvider_NoEncryptionCertificate_MetadataCertificateMissing() =>
        Assert.Equal(SamlErrorCode.MetadataCertificateMissing, SpError(ServiceProvider with { EncryptionCertificates = [] }));

    [Fact]
    public void ValidateServiceProvider_ExpiredSigningCertificate_MetadataCertificateExpired()
    {
        var expired = TestCertificates.CreateRsa("expired", notBefore: Now.AddYears(-2), notAfter: Now.AddDays(-1));

        Assert.Equal(
            SamlErrorCode.MetadataCertificateExpired,
            SpError(ServiceProvider with { SigningCertificates = [TestParties.PublicOnly(TestParties.SpSigning), expired] }));
    }

    [Fact]
    public void ValidateServiceProvider_Rsa1024SigningKey_MetadataKeyTooSmall()
    {
        // Weak keys (NIST SP 800-131A; OIOSAML 3 Cryptography): a 1024-bit RSA key can be factored, and then anyone signs as the SP.
        var weak = TestParties.PublicOnly(TestCertificates.CreateRsa("weak-signing", bits: 1024));

        Assert.Equal(SamlErrorCode.MetadataKeyTooSmall, SpError(ServiceProvider with { SigningCertificates = [weak] }));
    }

    [Fact]
    public void ValidateServiceProvider_Rsa1024EncryptionKeyBesideStrongOne_MetadataKeyTooSmall()
    {
        // Weak keys: an assertion encrypted for a factorable key is readable by whoever factors it.
        var weak = TestParties.PublicOnly(TestCertificates.CreateRsa("weak-encryption", bits: 1024));

        Assert.Equal(
            SamlErrorCode.MetadataKeyTooSmall,
            SpError(ServiceProvider with { EncryptionCertificates = [TestParties.PublicOnly(TestParties.SpEncryption), weak] }));
    }

    [Fact]
    public void ValidateServiceProvider_EcP224SigningKey_MetadataKeyTooSmall()
    {
        // Weak keys: EC below P-256.
        var weak = TestCertificates.CreateEc("weak-ec", ECCurve.CreateFromFriendlyName("secp224r1"));

        Assert.Equal(SamlErrorCode.MetadataKeyTooSmall, SpError(ServiceProvider with { SigningCertificates = [weak] }));
    }

    [Fact]
    public void ValidateServiceProvider_EcP256SigningKeyAndRsa2048Encryption_IsValid()
    {
        var ec = TestCertificates.CreateEc("ec-signing", ECCurve.NamedCurves.nistP256);

        var valid = MetadataValidator.ValidateServiceProvider(ServiceProvider with { SigningCertificates = [ec] }, Now);

        Assert.Same(ec, valid.Value.SigningCertificates.Single());
    }

    [Fact]
    public void ValidateServiceProvider_OnlyEcEncryptionKey_MetadataKeyUnsupported()
    {
        // The broker transports content keys with RSA-OAEP only: an SP without an RSA encryption key could never decrypt.
        var ec = TestCertificates.CreateEc("ec-encryption", ECCurve.NamedCurves.nistP256);

        Assert.Equal(SamlErrorCode.MetadataKeyUnsupported, SpError(ServiceProvider with { EncryptionCertificates = [ec] }));
    }

    [Fact]
    public void ValidateServiceProvider_MinimumRaisedByPolicy_Rsa2048Refused()
    {
        var policy = SignaturePolicy.Default with { MinimumRsaKeyBits = 3072 };

        var error = Assert.Throws<SamlException>(() => MetadataValidator.ValidateServiceProvider(ServiceProvider, Now, keyPolicy: policy));

        Assert.Equal(SamlErrorCode.MetadataKeyTooSmall, error.Code);
    }

    [Fact]
    public void ValidateServiceProvider_NotYetValidRolloverCertificate_IsValid()
    {
        var next = TestCertificates.CreateRsa("next", notBefore: Now.AddDays(10), notAfter: Now.AddYears(2));

        var valid = MetadataValidator.ValidateServiceProvider(
            ServiceProvider with { SigningCertificates = [TestParties.PublicOnly(TestParties.SpSigning), next] }, Now);

        Assert.Equal(2, valid.Value.SigningCertificates.Count);
    }

    [Fact]
    public void ValidateServiceProvider_OnlyArtifactAcs_MetadataAcsMissing() =>
        Assert.Equal(
            SamlErrorCode.MetadataAcsMissing,
            SpError(ServiceProvider with
            {
                AssertionConsumerServices = [new("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact", TestParties.AcsUrl, 0, true)],
            }));

    [Fact]
    public void ValidateServiceProvider_HttpAcs_MetadataEndpointInsecure() =>
        Assert.Equal(
            SamlErrorCode.MetadataEndpointInsecure,
            SpError(ServiceProvider with
            {
                AssertionConsumerServices = [new(SamlConstants.Bindings.HttpPost, "http://sp.test/saml/acs", 0, true)],
            }));

    [Fact]
    public void ValidateServiceProvider_HttpLoopbackWithoutDemoFlag_MetadataEndpointInsecure() =>
        Assert.Equal(
            SamlErrorCode.MetadataEndpointInsecure,
            SpError(ServiceProvider with
            {
                AssertionConsumerServices = [new(SamlConstants.Bindings.HttpPost, "http://localhost:5001/acs", 0, true)],
            }));

    [Fact]
    public void ValidateServiceProvider_HttpLoopbackWithDemoFlag_IsValid()
    {
        var metadata = ServiceProvider with
        {
            AssertionConsumerServices = [new(SamlConstants.Bindings.HttpPost, "http://localhost:5001/acs", 0, true)],
        };

        Assert.NotNull(MetadataValidator.ValidateServiceProvider(metadata, Now, allowHttpLoopback: true).Value);
    }

    [Fact]
    public void ValidateServiceProvider_InsecureSingleLogout_MetadataEndpointInsecure() =>
        Assert.Equal(
            SamlErrorCode.MetadataEndpointInsecure,
            SpError(ServiceProvider with
            {
                SingleLogoutServices = [new(SamlConstants.Bindings.HttpRedirect, "javascript:alert(1)", 0, false)],
            }));

    [Fact]
    public void ValidateServiceProvider_UnknownRequestedAttribute_MetadataAttributeUnknown() =>
        Assert.Equal(
            SamlErrorCode.MetadataAttributeUnknown,
            SpError(ServiceProvider with { RequestedAttributes = [new("https://example.test/shoeSize", false)] }));

    [Fact]
    public void ValidateServiceProvider_ValidUntilPassed_MetadataExpired() =>
        Assert.Equal(SamlErrorCode.MetadataExpired, SpError(ServiceProvider with { ValidUntil = Now.AddSeconds(-1) }));

    [Fact]
    public void ValidateIdentityProvider_Complete_IsValid() =>
        Assert.Equal(TestParties.IdpEntityId, MetadataValidator.ValidateIdentityProvider(IdentityProvider, Now).Value.EntityId);

    [Fact]
    public void ValidateIdentityProvider_NoSigningCertificate_MetadataCertificateMissing() =>
        Assert.Equal(SamlErrorCode.MetadataCertificateMissing, IdpError(IdentityProvider with { SigningCertificates = [] }));

    [Fact]
    public void ValidateIdentityProvider_NoSingleSignOnService_MetadataInvalid() =>
        Assert.Equal(SamlErrorCode.MetadataInvalid, IdpError(IdentityProvider with { SingleSignOnServices = [] }));

    [Fact]
    public void ValidateIdentityProvider_ValidUntilPassed_MetadataExpired() =>
        Assert.Equal(SamlErrorCode.MetadataExpired, IdpError(IdentityProvider with { ValidUntil = Now }));
}
