namespace NemLogin.Saml.Metadata;

/// <summary>
/// Reads SAML 2.0 metadata (SAML Metadata 2.3–2.4) into models. Structural errors are MetadataInvalid (or
/// MetadataCertificateMissing for a KeyDescriptor without certificate); profile rules are <see cref="Validation.MetadataValidator"/>'s.
/// </summary>
public static class MetadataReader
{
    private const string Md = SamlConstants.Namespaces.Metadata;

    public static ServiceProviderMetadata ReadServiceProvider(string xml, SamlLimits limits)
    {
        var root = MetadataXml.LoadEntityDescriptor(xml, limits);
        var role = MetadataXml.Role(root, "SPSSODescriptor");
        var keys = MetadataKeys.Read(role);
        return new ServiceProviderMetadata
        {
            EntityId = MetadataXml.EntityId(root),
            ValidUntil = MetadataXml.ValidUntil(root),
            SigningCertificates = keys.Signing,
            EncryptionCertificates = keys.Encryption,
            EncryptionMethods = keys.EncryptionMethods,
            AssertionConsumerServices = MetadataXml.Endpoints(role, "AssertionConsumerService", indexed: true),
            SingleLogoutServices = MetadataXml.Endpoints(role, "SingleLogoutService", indexed: false),
            RequestedAttributes =
            [
                .. MetadataXml.Children(role, Md, "AttributeConsumingService")
                    .SelectMany(service => MetadataXml.Children(service, Md, "RequestedAttribute"))
                    .Select(a => new RequestedAttributeInfo(
                        Messages.XmlRead.RequiredAttribute(a, "Name", SamlErrorCode.MetadataInvalid),
                        MetadataXml.Flag(a, "isRequired"))),
            ],
            AuthnRequestsSigned = MetadataXml.Flag(role, "AuthnRequestsSigned"),
            WantAssertionsSigned = MetadataXml.Flag(role, "WantAssertionsSigned"),
        };
    }

    public static IdentityProviderMetadata ReadIdentityProvider(string xml, SamlLimits limits)
    {
        var root = MetadataXml.LoadEntityDescriptor(xml, limits);
        var role = MetadataXml.Role(root, "IDPSSODescriptor");
        var keys = MetadataKeys.Read(role);
        return new IdentityProviderMetadata
        {
            EntityId = MetadataXml.EntityId(root),
            ValidUntil = MetadataXml.ValidUntil(root),
            SigningCertificates = keys.Signing,
            SingleSignOnServices = MetadataXml.Endpoints(role, "SingleSignOnService", indexed: false),
            SingleLogoutServices = MetadataXml.Endpoints(role, "SingleLogoutService", indexed: false),
            WantAuthnRequestsSigned = MetadataXml.Flag(role, "WantAuthnRequestsSigned"),
        };
    }
}
