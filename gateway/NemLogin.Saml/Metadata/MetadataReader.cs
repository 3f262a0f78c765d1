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
            ServiceName = ServiceName(root, role),
        };
    }

    /// <summary>
    /// The name people know the service by (SAML Metadata 2.4.4.1 ServiceName, else 2.3.2.1 OrganizationDisplayName): the
    /// Danish one when given, else the English, else the first; trimmed, at most <see cref="MaxServiceNameLength"/> characters.
    /// </summary>
    private static string? ServiceName(System.Xml.XmlElement root, System.Xml.XmlElement role)
    {
        var names = MetadataXml.Children(role, Md, "AttributeConsumingService").SelectMany(s => MetadataXml.Children(s, Md, "ServiceName")).ToList();
        if (names.Count == 0)
        {
            names = [.. MetadataXml.Children(root, Md, "Organization").SelectMany(o => MetadataXml.Children(o, Md, "OrganizationDisplayName"))];
        }

        var chosen = names.FirstOrDefault(n => n.GetAttribute("xml:lang") == "da")
            ?? names.FirstOrDefault(n => n.GetAttribute("xml:lang") == "en")
            ?? names.FirstOrDefault();
        var text = chosen?.InnerText.Trim();
        return string.IsNullOrEmpty(text) || text.Any(char.IsControl) ? null : text[..Math.Min(text.Length, MaxServiceNameLength)];
    }

    /// <summary>The longest service name kept from metadata.</summary>
    public const int MaxServiceNameLength = 200;

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
