using NemLogin.Saml.Metadata;
using NemLogin.Saml.Tests.Messages;
using Xunit;

namespace NemLogin.Saml.Tests.Metadata;

public sealed class MetadataReaderTests
{
    private static string Fixture(string test)
    {
        var encryption = Convert.ToBase64String(TestParties.SpEncryption.RawData);
        return MessageFixtures.For<MetadataReaderTests>(test)
            .Replace("{{SIGNING}}", Convert.ToBase64String(TestParties.SpSigning.RawData), StringComparison.Ordinal)
            .Replace("{{ENCRYPTION}}", encryption, StringComparison.Ordinal)
            .Replace("{{ENCRYPTION_WRAPPED}}", string.Join("\n            ", encryption.Chunk(64).Select(c => new string(c))), StringComparison.Ordinal)
            .Replace("{{SECONDARY}}", Convert.ToBase64String(TestParties.Idp.RawData), StringComparison.Ordinal);
    }

    private static SamlErrorCode SpError(string test) =>
        Assert.Throws<SamlException>(() => MetadataReader.ReadServiceProvider(Fixture(test), SamlLimits.Default)).Code;

    // SAML Metadata 2.4.4.1: the name people see (the self-service pages' list of IT systems): Danish when given.
    [Fact]
    public void ReadServiceProvider_ServiceNamesInTwoLanguages_DanishChosen() =>
        Assert.Equal("Demotjeneste", MetadataReader.ReadServiceProvider(Fixture(nameof(ReadServiceProvider_ServiceNamesInTwoLanguages_DanishChosen)), SamlLimits.Default).ServiceName);

    // SAML Metadata 2.3.2.1: without a ServiceName, the organisation's display name.
    [Fact]
    public void ReadServiceProvider_NoServiceName_OrganizationDisplayNameChosen() =>
        Assert.Equal("Example service", MetadataReader.ReadServiceProvider(Fixture(nameof(ReadServiceProvider_NoServiceName_OrganizationDisplayNameChosen)), SamlLimits.Default).ServiceName);

    [Fact]
    public void ReadServiceProvider_OioSamlReferenceServiceProvider_ReadsEverything()
    {
        var metadata = MetadataReader.ReadServiceProvider(
            Fixture(nameof(ReadServiceProvider_OioSamlReferenceServiceProvider_ReadsEverything)), SamlLimits.Default);

        Assert.Equal(TestParties.SpEntityId, metadata.EntityId);
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), metadata.ValidUntil);

        // SAML Metadata 2.4.1.1: the KeyDescriptor without use counts for both signing and encryption.
        Assert.Equal(
            [TestParties.SpSigning.Thumbprint, TestParties.Idp.Thumbprint],
            metadata.SigningCertificates.Select(c => c.Thumbprint));
        Assert.Equal(
            [TestParties.SpEncryption.Thumbprint, TestParties.Idp.Thumbprint],
            metadata.EncryptionCertificates.Select(c => c.Thumbprint));
        Assert.Equal(
            [SamlConstants.Algorithms.Aes256Gcm, SamlConstants.Algorithms.RsaOaep, SamlConstants.Algorithms.Aes256Cbc],
            metadata.EncryptionMethods);
        Assert.Equal(
            [
                new EndpointInfo(SamlConstants.Bindings.HttpPost, TestParties.SecondAcsUrl, 1, false),
                new EndpointInfo(SamlConstants.Bindings.HttpPost, TestParties.AcsUrl, 0, true),
            ],
            metadata.AssertionConsumerServices);
        Assert.Equal(
            [
                new EndpointInfo(SamlConstants.Bindings.HttpRedirect, "https://sp.test/saml/logout", 0, false),
                new EndpointInfo(SamlConstants.Bindings.HttpPost, "https://sp.test/saml/logout-post", 1, false),
            ],
            metadata.SingleLogoutServices);
        Assert.Equal(
            [
                new RequestedAttributeInfo(SamlConstants.Attributes.SpecVersion, true),
                new RequestedAttributeInfo(SamlConstants.Attributes.Email, false),
            ],
            metadata.RequestedAttributes);
        Assert.True(metadata.AuthnRequestsSigned);
        Assert.True(metadata.WantAssertionsSigned);
        Assert.Equal("Demo", metadata.ServiceName);
    }

    [Fact]
    public void ReadIdentityProvider_NemLoginStyleMetadata_ReadsEndpointsAndKeys()
    {
        var metadata = MetadataReader.ReadIdentityProvider(
            Fixture(nameof(ReadIdentityProvider_NemLoginStyleMetadata_ReadsEndpointsAndKeys)), SamlLimits.Default);

        Assert.Equal("https://idp.test", metadata.EntityId);
        Assert.Null(metadata.ValidUntil);
        Assert.Equal([TestParties.SpSigning.Thumbprint], metadata.SigningCertificates.Select(c => c.Thumbprint));
        Assert.Equal(
            [new EndpointInfo(SamlConstants.Bindings.HttpRedirect, "https://idp.test/sso", 0, false)],
            metadata.SingleSignOnServices);
        Assert.Equal(2, metadata.SingleLogoutServices.Count);
        Assert.True(metadata.WantAuthnRequestsSigned);
    }

    [Fact]
    public void ReadIdentityProvider_WithDoctype_XmlDtdProhibited()
    {
        // Entity expansion (billion laughs) in metadata is refused before anything is expanded.
        var xml = Fixture(nameof(ReadIdentityProvider_WithDoctype_XmlDtdProhibited));

        var error = Assert.Throws<SamlException>(() => MetadataReader.ReadIdentityProvider(xml, SamlLimits.Default));

        Assert.Equal(SamlErrorCode.XmlDtdProhibited, error.Code);
    }

    [Fact]
    public void ReadServiceProvider_RootIsEntitiesDescriptor_MetadataInvalid() =>
        Assert.Equal(SamlErrorCode.MetadataInvalid, SpError(nameof(ReadServiceProvider_RootIsEntitiesDescriptor_MetadataInvalid)));

    [Fact]
    public void ReadServiceProvider_IdentityProviderMetadata_MetadataInvalid() =>
        Assert.Equal(SamlErrorCode.MetadataInvalid, SpError(nameof(ReadServiceProvider_IdentityProviderMetadata_MetadataInvalid)));

    [Fact]
    public void ReadServiceProvider_NoSaml2ProtocolSupport_MetadataInvalid() =>
        Assert.Equal(SamlErrorCode.MetadataInvalid, SpError(nameof(ReadServiceProvider_NoSaml2ProtocolSupport_MetadataInvalid)));

    [Fact]
    public void ReadServiceProvider_EntityIdMissing_MetadataInvalid() =>
        Assert.Equal(SamlErrorCode.MetadataInvalid, SpError(nameof(ReadServiceProvider_EntityIdMissing_MetadataInvalid)));

    [Fact]
    public void ReadServiceProvider_KeyDescriptorWithoutCertificate_MetadataCertificateMissing() =>
        Assert.Equal(
            SamlErrorCode.MetadataCertificateMissing,
            SpError(nameof(ReadServiceProvider_KeyDescriptorWithoutCertificate_MetadataCertificateMissing)));

    [Fact]
    public void ReadServiceProvider_CertificateNotBase64_MetadataInvalid() =>
        Assert.Equal(SamlErrorCode.MetadataInvalid, SpError(nameof(ReadServiceProvider_CertificateNotBase64_MetadataInvalid)));

    [Fact]
    public void ReadServiceProvider_KeyDescriptorUnknownUse_MetadataInvalid() =>
        Assert.Equal(SamlErrorCode.MetadataInvalid, SpError(nameof(ReadServiceProvider_KeyDescriptorUnknownUse_MetadataInvalid)));

    [Fact]
    public void ReadServiceProvider_AcsWithoutIndex_MetadataInvalid() =>
        Assert.Equal(SamlErrorCode.MetadataInvalid, SpError(nameof(ReadServiceProvider_AcsWithoutIndex_MetadataInvalid)));

    [Fact]
    public void ReadServiceProvider_AcsWithoutLocation_MetadataInvalid() =>
        Assert.Equal(SamlErrorCode.MetadataInvalid, SpError(nameof(ReadServiceProvider_AcsWithoutLocation_MetadataInvalid)));

    [Fact]
    public void ReadServiceProvider_TwoSpSsoDescriptors_MetadataInvalid() =>
        Assert.Equal(SamlErrorCode.MetadataInvalid, SpError(nameof(ReadServiceProvider_TwoSpSsoDescriptors_MetadataInvalid)));

    [Fact]
    public void ReadServiceProvider_ValidUntilWithOffset_MetadataInvalid() =>
        Assert.Equal(SamlErrorCode.MetadataInvalid, SpError(nameof(ReadServiceProvider_ValidUntilWithOffset_MetadataInvalid)));
}
