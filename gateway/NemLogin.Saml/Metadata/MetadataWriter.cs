using System.Security.Cryptography.X509Certificates;
using System.Xml;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Signatures;
using NemLogin.Saml.Signing;

namespace NemLogin.Saml.Metadata;

/// <summary>Writes identity provider and service provider metadata (SAML Metadata 2.3–2.4, OIOSAML 3 metadata rules).</summary>
public static class MetadataWriter
{
    /// <summary>
    /// Signed IdP metadata: EntityDescriptor with ID and validUntil, IDPSSODescriptor with WantAuthnRequestsSigned="true", a signing
    /// KeyDescriptor per certificate, SingleLogoutService, NameIDFormat, SingleSignOnService and the attributes offered.
    /// </summary>
    public static async Task<string> WriteIdentityProviderAsync(IdentityProviderDescriptor d, ISamlSigner signer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(signer);
        if (d.SigningCertificates.Count == 0)
        {
            throw new ArgumentException("An identity provider publishes at least one signing certificate.", nameof(d));
        }

        var (document, root) = MetadataXmlWriter.EntityDescriptor(d.EntityId);
        root.SetAttribute("ID", SamlId.New());
        root.SetAttribute("validUntil", SamlInstant.Format(d.Now + d.ValidFor));

        var role = MetadataXmlWriter.Element(root, "IDPSSODescriptor");
        role.SetAttribute("protocolSupportEnumeration", MetadataXmlWriter.ProtocolSupport);

        // OIOSAML 3.0.3: every AuthnRequest must be signed, and the metadata says so.
        role.SetAttribute("WantAuthnRequestsSigned", "true");
        foreach (var certificate in d.SigningCertificates)
        {
            MetadataXmlWriter.KeyDescriptor(role, "signing", certificate);
        }

        // SAML Metadata 2.4.2 / 2.4.3 sequence: SingleLogoutService, NameIDFormat, then SingleSignOnService and Attribute.
        MetadataXmlWriter.Endpoints(role, "SingleLogoutService", d.SingleLogoutServices, indexed: false);
        foreach (var format in d.NameIdFormats)
        {
            MetadataXmlWriter.TextElement(role, "NameIDFormat", format);
        }

        MetadataXmlWriter.Endpoints(role, "SingleSignOnService", d.SingleSignOnServices, indexed: false);
        foreach (var name in d.AttributeNames)
        {
            var attribute = XmlWrite.Child(role, XmlWrite.AssertionPrefix, SamlConstants.Namespaces.Assertion, "Attribute");
            attribute.SetAttribute("Name", name);
            attribute.SetAttribute("NameFormat", SamlConstants.AttributeNameFormatUri);
        }

        WriteOrganizationAndContact(root, d.EntityId, d.OrganizationName, d.ContactEmail);

        // The signature is the first child of EntityDescriptor (SAML Metadata 2.3.2 sequence).
        await XmlSignatureWriter.SignAsync(root, null, signer, ct).ConfigureAwait(false);
        return document.OuterXml;
    }

    /// <summary>
    /// SP metadata for the demo service provider and tests: AuthnRequestsSigned and WantAssertionsSigned true, a signing and an
    /// encryption KeyDescriptor (with EncryptionMethod elements), SLO endpoints, ACS endpoints and an AttributeConsumingService.
    /// </summary>
    public static string WriteServiceProvider(ServiceProviderDescriptor d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var (document, root) = MetadataXmlWriter.EntityDescriptor(d.EntityId);

        var role = MetadataXmlWriter.Element(root, "SPSSODescriptor");
        role.SetAttribute("protocolSupportEnumeration", MetadataXmlWriter.ProtocolSupport);
        role.SetAttribute("AuthnRequestsSigned", "true");
        role.SetAttribute("WantAssertionsSigned", "true");
        MetadataXmlWriter.KeyDescriptor(role, "signing", d.SigningCertificate);
        EncryptionKeyDescriptor(role, d.EncryptionCertificate, d.EncryptionMethods);

        MetadataXmlWriter.Endpoints(role, "SingleLogoutService", d.SingleLogoutServices, indexed: false);
        MetadataXmlWriter.TextElement(role, "NameIDFormat", SamlConstants.NameIdFormats.Persistent);
        MetadataXmlWriter.Endpoints(role, "AssertionConsumerService", d.AssertionConsumerServices, indexed: true);

        if (d.RequestedAttributes.Count > 0)
        {
            var service = MetadataXmlWriter.Element(role, "AttributeConsumingService");
            service.SetAttribute("index", "0");
            service.SetAttribute("isDefault", "true");
            MetadataXmlWriter.TextElement(service, "ServiceName", d.ServiceName, "en");
            foreach (var requested in d.RequestedAttributes)
            {
                var element = MetadataXmlWriter.Element(service, "RequestedAttribute");
                element.SetAttribute("Name", requested.Name);
                element.SetAttribute("NameFormat", SamlConstants.AttributeNameFormatUri);
                element.SetAttribute("isRequired", requested.IsRequired ? "true" : "false");
            }
        }

        return document.OuterXml;
    }

    /// <summary>
    /// Signed SP metadata for a service provider that signs its requests and whose keys live in a key store (the broker
    /// toward organisations' own IdPs): EntityDescriptor with ID and validUntil, SPSSODescriptor with AuthnRequestsSigned
    /// and WantAssertionsSigned true, a signing KeyDescriptor per signing certificate, an encryption KeyDescriptor per
    /// encryption certificate carrying <paramref name="encryptionMethods"/> (none: no encryption offered), the persistent
    /// NameID format and the ACS endpoints.
    /// </summary>
    public static async Task<string> WriteSigningServiceProviderAsync(
        string entityId,
        IReadOnlyList<X509Certificate2> signingCertificates,
        IReadOnlyList<X509Certificate2> encryptionCertificates,
        IReadOnlyList<string> encryptionMethods,
        IReadOnlyList<EndpointInfo> assertionConsumerServices,
        DateTimeOffset validUntil,
        ISamlSigner signer,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(signingCertificates);
        ArgumentNullException.ThrowIfNull(encryptionCertificates);
        ArgumentNullException.ThrowIfNull(encryptionMethods);
        ArgumentNullException.ThrowIfNull(signer);
        var (document, root) = MetadataXmlWriter.EntityDescriptor(entityId);
        root.SetAttribute("ID", SamlId.New());
        root.SetAttribute("validUntil", SamlInstant.Format(validUntil));

        var role = MetadataXmlWriter.Element(root, "SPSSODescriptor");
        role.SetAttribute("protocolSupportEnumeration", MetadataXmlWriter.ProtocolSupport);
        role.SetAttribute("AuthnRequestsSigned", "true");
        role.SetAttribute("WantAssertionsSigned", "true");
        foreach (var certificate in signingCertificates)
        {
            MetadataXmlWriter.KeyDescriptor(role, "signing", certificate);
        }

        foreach (var certificate in encryptionCertificates)
        {
            EncryptionKeyDescriptor(role, certificate, encryptionMethods);
        }

        MetadataXmlWriter.TextElement(role, "NameIDFormat", SamlConstants.NameIdFormats.Persistent);
        MetadataXmlWriter.Endpoints(role, "AssertionConsumerService", assertionConsumerServices, indexed: true);
        await XmlSignatureWriter.SignAsync(root, null, signer, ct).ConfigureAwait(false);
        return document.OuterXml;
    }

    // SAML Metadata 2.4.1.1: a KeyDescriptor's EncryptionMethod elements say which algorithms the key's owner takes, in its order.
    private static void EncryptionKeyDescriptor(XmlElement role, X509Certificate2 certificate, IEnumerable<string> methods)
    {
        var encryption = MetadataXmlWriter.KeyDescriptor(role, "encryption", certificate);
        foreach (var algorithm in methods)
        {
            MetadataXmlWriter.Element(encryption, "EncryptionMethod").SetAttribute("Algorithm", algorithm);
        }
    }

    private static void WriteOrganizationAndContact(
        XmlElement root, string entityId, string? organizationName, string? contactEmail)
    {
        if (organizationName is not null)
        {
            // SAML Metadata 2.3.2.1: name, display name and URL are all required; the entity ID serves as the URL.
            var organization = MetadataXmlWriter.Element(root, "Organization");
            MetadataXmlWriter.TextElement(organization, "OrganizationName", organizationName, "en");
            MetadataXmlWriter.TextElement(organization, "OrganizationDisplayName", organizationName, "en");
            MetadataXmlWriter.TextElement(organization, "OrganizationURL", entityId, "en");
        }

        if (contactEmail is not null)
        {
            var contact = MetadataXmlWriter.Element(root, "ContactPerson");
            contact.SetAttribute("contactType", "technical");
            var address = contactEmail.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? contactEmail : "mailto:" + contactEmail;
            MetadataXmlWriter.TextElement(contact, "EmailAddress", address);
        }
    }
}
