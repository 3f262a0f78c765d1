using System.Xml;

namespace NemLogin.Saml.Messages;

/// <summary>Builds the LogoutResponse element tree in schema order: Issuer, (Signature), Status (SAML Core 3.2.2).</summary>
internal static class LogoutResponseWriter
{
    private const string P = SamlConstants.Namespaces.Protocol;
    private const string A = SamlConstants.Namespaces.Assertion;

    public static (XmlDocument Document, XmlElement Issuer) Build(LogoutResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentException.ThrowIfNullOrEmpty(response.Id);
        ArgumentException.ThrowIfNullOrEmpty(response.Issuer);
        ArgumentException.ThrowIfNullOrEmpty(response.StatusCode);

        var document = XmlWrite.NewDocument();
        var root = XmlWrite.Root(document, XmlWrite.ProtocolPrefix, P, "LogoutResponse");
        XmlWrite.Namespace(root, XmlWrite.AssertionPrefix, A);
        root.SetAttribute("ID", response.Id);
        root.SetAttribute("Version", SamlConstants.Version);
        root.SetAttribute("IssueInstant", SamlInstant.Format(response.IssueInstant));
        XmlWrite.Attribute(root, "Destination", response.Destination);
        XmlWrite.Attribute(root, "InResponseTo", response.InResponseTo);

        var issuer = XmlWrite.Issuer(root, response.Issuer, response.IssuerFormat);
        var status = XmlWrite.Child(root, XmlWrite.ProtocolPrefix, P, "Status");
        var code = XmlWrite.Child(status, XmlWrite.ProtocolPrefix, P, "StatusCode");
        code.SetAttribute("Value", response.StatusCode);
        if (response.SubStatusCode is not null)
        {
            // SAML Core 3.2.2.2: a second-level code nests inside the top-level one.
            XmlWrite.Child(code, XmlWrite.ProtocolPrefix, P, "StatusCode").SetAttribute("Value", response.SubStatusCode);
        }

        if (response.StatusMessage is not null)
        {
            XmlWrite.TextChild(status, XmlWrite.ProtocolPrefix, P, "StatusMessage", response.StatusMessage);
        }

        return (document, issuer);
    }
}
