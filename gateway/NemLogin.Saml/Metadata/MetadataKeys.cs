using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using NemLogin.Saml.Messages;

namespace NemLogin.Saml.Metadata;

/// <summary>Reads the KeyDescriptors of a role descriptor (SAML Metadata 2.4.1.1).</summary>
internal static class MetadataKeys
{
    private const string Md = SamlConstants.Namespaces.Metadata;
    private const string Ds = SamlConstants.Namespaces.XmlDsig;
    private const SamlErrorCode Invalid = SamlErrorCode.MetadataInvalid;

    public sealed record Keys(
        IReadOnlyList<X509Certificate2> Signing,
        IReadOnlyList<X509Certificate2> Encryption,
        IReadOnlyList<string> EncryptionMethods);

    public static Keys Read(XmlElement role)
    {
        var signing = new List<X509Certificate2>();
        var encryption = new List<X509Certificate2>();
        var methods = new List<string>();
        foreach (var descriptor in MetadataXml.Children(role, Md, "KeyDescriptor"))
        {
            // SAML Metadata 2.4.1.1: a KeyDescriptor without use serves both signing and encryption.
            var use = XmlRead.Attribute(descriptor, "use");
            var forSigning = use is null or "signing";
            var forEncryption = use is null or "encryption";
            if (!forSigning && !forEncryption)
            {
                throw new SamlException(Invalid, $"KeyDescriptor use '{use}' is neither signing nor encryption.");
            }

            var certificate = ReadCertificate(descriptor);
            if (forSigning)
            {
                signing.Add(certificate);
            }

            if (forEncryption)
            {
                encryption.Add(certificate);
                methods.AddRange(MetadataXml.Children(descriptor, Md, "EncryptionMethod")
                    .Select(m => XmlRead.RequiredAttribute(m, "Algorithm", Invalid)));
            }
        }

        return new Keys(signing, encryption, methods);
    }

    private static X509Certificate2 ReadCertificate(XmlElement descriptor)
    {
        var keyInfo = MetadataXml.Single(descriptor, Ds, "KeyInfo");
        var text = MetadataXml.Children(keyInfo, Ds, "X509Data")
            .SelectMany(data => MetadataXml.Children(data, Ds, "X509Certificate"))
            .Select(MetadataXml.Text)
            .FirstOrDefault()
            ?? throw new SamlException(SamlErrorCode.MetadataCertificateMissing, "A KeyDescriptor carries no X509Certificate.");

        try
        {
            // Base64 in XML may be wrapped over lines (XML-DSig 4.5.4 uses base64Binary).
            var der = Convert.FromBase64String(string.Concat(text.Where(c => !char.IsWhiteSpace(c))));
            return X509CertificateLoader.LoadCertificate(der);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            throw new SamlException(Invalid, "A KeyDescriptor certificate is not a DER X.509 certificate.", ex);
        }
    }
}
