using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using NemLogin.Saml;
using NemLogin.Saml.Metadata;
using NemLogin.Saml.Signatures;
using NemLogin.Saml.Signing;
using Xunit;

namespace NemLogin.Gateway.Tests.Admin;

/// <summary>SP metadata with one defect each, made from a valid document by mutation, and signed metadata for refresh tests.</summary>
public static class SpMetadata
{
    private const string Md = SamlConstants.Namespaces.Metadata;

    public static string WithoutSigningKey(string xml) => Mutate(xml, d =>
    {
        var signing = Elements(d, "KeyDescriptor").Single(k => k.GetAttribute("use") == "signing");
        signing.ParentNode!.RemoveChild(signing);
    });

    public static string WithAcsBinding(string xml, string binding) => Mutate(xml, d =>
        Elements(d, "AssertionConsumerService").ForEach(acs => acs.SetAttribute("Binding", binding)));

    public static string WithAcsLocation(string xml, string location) => Mutate(xml, d =>
        Elements(d, "AssertionConsumerService").ForEach(acs => acs.SetAttribute("Location", location)));

    public static string WithRequestedAttribute(string xml, string name) => Mutate(xml, d =>
    {
        var service = Elements(d, "AttributeConsumingService").Single();
        var requested = d.CreateElement("md", "RequestedAttribute", Md);
        requested.SetAttribute("Name", name);
        service.AppendChild(requested);
    });

    /// <summary>Valid metadata except that the signing and encryption certificate expired yesterday.</summary>
    public static string WithExpiredCertificate(string entityId, string acsUrl)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=expired test sp", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var expired = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-60), DateTimeOffset.UtcNow.AddDays(-1));
        return MetadataWriter.WriteServiceProvider(new ServiceProviderDescriptor
        {
            EntityId = entityId,
            SigningCertificate = expired,
            EncryptionCertificate = expired,
            AssertionConsumerServices = [new EndpointInfo(SamlConstants.Bindings.HttpPost, acsUrl, 0, true)],
            ServiceName = "Expired",
        });
    }

    /// <summary>The document with an enveloped signature over its root (SAML Metadata 3), made with <paramref name="signer"/>'s key.</summary>
    public static async Task<string> SignedAsync(string xml, X509Certificate2 signer)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        var root = document.DocumentElement!;
        root.SetAttribute("ID", "_md" + Guid.NewGuid().ToString("N"));
        await XmlSignatureWriter.SignAsync(root, null, new RsaSamlSigner(signer), TestContext.Current.CancellationToken);
        return document.OuterXml;
    }

    public static X509Certificate2 NewSigningCertificate(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + name, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }

    private static string Mutate(string xml, Action<XmlDocument> change)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        change(document);
        return document.OuterXml;
    }

    private static List<XmlElement> Elements(XmlDocument document, string localName) =>
        [.. document.GetElementsByTagName(localName, Md).Cast<XmlElement>()];
}
