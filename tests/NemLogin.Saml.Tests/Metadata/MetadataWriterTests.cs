using System.Xml;
using NemLogin.Saml.Metadata;
using NemLogin.Saml.Signatures;
using NemLogin.Saml.Tests.Messages;
using NemLogin.Saml.Xml;
using Xunit;

namespace NemLogin.Saml.Tests.Metadata;

public sealed class MetadataWriterTests
{
    private static readonly DateTimeOffset Now = TimeProvider.System.GetUtcNow();

    private static ServiceProviderDescriptor ServiceProvider => new()
    {
        EntityId = TestParties.SpEntityId,
        SigningCertificate = TestParties.PublicOnly(TestParties.SpSigning),
        EncryptionCertificate = TestParties.PublicOnly(TestParties.SpEncryption),
        EncryptionMethods = [SamlConstants.Algorithms.Aes256Gcm, SamlConstants.Algorithms.RsaOaep],
        AssertionConsumerServices = TestParties.RegisteredAcs,
        SingleLogoutServices = [new(SamlConstants.Bindings.HttpRedirect, "https://sp.test/saml/logout", 0, false)],
        RequestedAttributes =
        [
            new(SamlConstants.Attributes.SpecVersion, true),
            new(SamlConstants.Attributes.Cvr, false),
        ],
        ServiceName = "Demo service",
    };

    private static IdentityProviderDescriptor IdentityProvider => new()
    {
        EntityId = TestParties.IdpEntityId,
        SigningCertificates = [TestParties.PublicOnly(TestParties.Idp), TestParties.PublicOnly(TestParties.Attacker)],
        SingleSignOnServices = [new(SamlConstants.Bindings.HttpRedirect, TestParties.SsoUrl, 0, false)],
        SingleLogoutServices =
        [
            new(SamlConstants.Bindings.HttpRedirect, "https://broker.test/saml/slo", 0, false),
            new(SamlConstants.Bindings.HttpPost, "https://broker.test/saml/slo", 1, false),
        ],
        NameIdFormats = [SamlConstants.NameIdFormats.Persistent, SamlConstants.NameIdFormats.Transient],
        AttributeNames = [SamlConstants.Attributes.SpecVersion, SamlConstants.Attributes.Loa],
        ValidFor = TimeSpan.FromDays(2),
        Now = Now,
        OrganizationName = "NemLogin test",
        ContactEmail = "ops@broker.test",
    };

    private static Task<string> WriteIdentityProviderAsync() =>
        MetadataWriter.WriteIdentityProviderAsync(IdentityProvider, TestParties.IdpSigner, TestContext.Current.CancellationToken);

    [Fact]
    public void WriteServiceProvider_Descriptor_ReadsBackUnchanged()
    {
        var xml = MetadataWriter.WriteServiceProvider(ServiceProvider);

        var metadata = MetadataReader.ReadServiceProvider(xml, SamlLimits.Default);

        Assert.Equal(TestParties.SpEntityId, metadata.EntityId);
        Assert.Equal([TestParties.SpSigning.Thumbprint], metadata.SigningCertificates.Select(c => c.Thumbprint));
        Assert.Equal([TestParties.SpEncryption.Thumbprint], metadata.EncryptionCertificates.Select(c => c.Thumbprint));
        Assert.Equal(ServiceProvider.EncryptionMethods, metadata.EncryptionMethods);
        Assert.Equal(TestParties.RegisteredAcs, metadata.AssertionConsumerServices);
        Assert.Equal(ServiceProvider.SingleLogoutServices, metadata.SingleLogoutServices);
        Assert.Equal(ServiceProvider.RequestedAttributes, metadata.RequestedAttributes);
        Assert.True(metadata.AuthnRequestsSigned);
        Assert.True(metadata.WantAssertionsSigned);
    }

    [Fact]
    public void WriteServiceProvider_Descriptor_FollowsSpSsoDescriptorSchemaOrder()
    {
        var role = SafeXml.Load(MetadataWriter.WriteServiceProvider(ServiceProvider), SamlLimits.Default)
            .DocumentElement!.ChildNodes.OfType<XmlElement>().Single();

        // SAML Metadata 2.4.1 / 2.4.2 / 2.4.4 sequence.
        Assert.Equal(
            [
                "KeyDescriptor", "KeyDescriptor", "SingleLogoutService", "NameIDFormat",
                "AssertionConsumerService", "AssertionConsumerService", "AssertionConsumerService", "AttributeConsumingService",
            ],
            role.ChildNodes.OfType<XmlElement>().Select(e => e.LocalName));
    }

    [Fact]
    public async Task WriteIdentityProviderAsync_Descriptor_SignedAndVerifiesWithXmlSignatureVerifier()
    {
        var xml = await WriteIdentityProviderAsync();

        var root = SafeXml.Load(xml, SamlLimits.Default).DocumentElement!;

        Assert.Equal("Signature", root.ChildNodes.OfType<XmlElement>().First().LocalName);
        var verifiedBy = XmlSignatureVerifier.Verify(
            root, [TestParties.PublicOnly(TestParties.Idp)], SignaturePolicy.Default, DateTimeOffset.UtcNow);
        Assert.Equal(TestParties.Idp.Thumbprint, verifiedBy.Thumbprint);
    }

    [Fact]
    public async Task WriteIdentityProviderAsync_TamperedEndpoint_SignatureInvalid()
    {
        // Metadata substitution: a changed SSO location must not keep a valid signature.
        var xml = (await WriteIdentityProviderAsync()).Replace(TestParties.SsoUrl, "https://evil.test/sso", StringComparison.Ordinal);

        var root = SafeXml.Load(xml, SamlLimits.Default).DocumentElement!;
        var error = Assert.Throws<SamlException>(() => XmlSignatureVerifier.Verify(
            root, [TestParties.PublicOnly(TestParties.Idp)], SignaturePolicy.Default, DateTimeOffset.UtcNow));

        Assert.Equal(SamlErrorCode.SignatureInvalid, error.Code);
    }

    [Fact]
    public async Task WriteIdentityProviderAsync_Descriptor_ReadsBackWithRolloverKeysAndValidUntil()
    {
        var metadata = MetadataReader.ReadIdentityProvider(await WriteIdentityProviderAsync(), SamlLimits.Default);

        Assert.Equal(TestParties.IdpEntityId, metadata.EntityId);
        Assert.Equal(
            [TestParties.Idp.Thumbprint, TestParties.Attacker.Thumbprint],
            metadata.SigningCertificates.Select(c => c.Thumbprint));
        Assert.Equal(IdentityProvider.SingleSignOnServices, metadata.SingleSignOnServices);
        Assert.Equal(IdentityProvider.SingleLogoutServices, metadata.SingleLogoutServices);
        Assert.True(metadata.WantAuthnRequestsSigned);
        var validUntil = Assert.NotNull(metadata.ValidUntil);
        Assert.InRange(validUntil, Now.AddDays(2).AddMilliseconds(-1), Now.AddDays(2));
    }

    [Fact]
    public async Task WriteIdentityProviderAsync_Descriptor_FollowsIdpSsoDescriptorSchemaOrder()
    {
        var root = SafeXml.Load(await WriteIdentityProviderAsync(), SamlLimits.Default).DocumentElement!;

        var role = root.ChildNodes.OfType<XmlElement>().Single(e => e.LocalName == "IDPSSODescriptor");

        // SAML Metadata 2.4.2 then 2.4.3: SingleLogoutService, NameIDFormat, SingleSignOnService, Attribute.
        Assert.Equal(
            [
                "KeyDescriptor", "KeyDescriptor", "SingleLogoutService", "SingleLogoutService",
                "NameIDFormat", "NameIDFormat", "SingleSignOnService", "Attribute", "Attribute",
            ],
            role.ChildNodes.OfType<XmlElement>().Select(e => e.LocalName));
        Assert.All(
            role.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == "KeyDescriptor"),
            k => Assert.Equal("signing", k.GetAttribute("use")));
        Assert.Equal(
            ["Signature", "IDPSSODescriptor", "Organization", "ContactPerson"],
            root.ChildNodes.OfType<XmlElement>().Select(e => e.LocalName));
    }
}
