using System.Xml;

namespace NemLogin.Saml.Messages;

/// <summary>Builds the LogoutRequest element tree in SAML Core 3.7.1 schema order: Issuer, (Signature), NameID, SessionIndex*.</summary>
internal static class LogoutRequestWriter
{
    private const string P = SamlConstants.Namespaces.Protocol;
    private const string A = SamlConstants.Namespaces.Assertion;

    public static (XmlDocument Document, XmlElement Issuer) Build(LogoutRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.Id);
        ArgumentException.ThrowIfNullOrEmpty(request.Issuer);
        ArgumentException.ThrowIfNullOrEmpty(request.NameId);

        var document = XmlWrite.NewDocument();
        var root = XmlWrite.Root(document, XmlWrite.ProtocolPrefix, P, "LogoutRequest");
        XmlWrite.Namespace(root, XmlWrite.AssertionPrefix, A);
        root.SetAttribute("ID", request.Id);
        root.SetAttribute("Version", SamlConstants.Version);
        root.SetAttribute("IssueInstant", SamlInstant.Format(request.IssueInstant));
        XmlWrite.Attribute(root, "Destination", request.Destination);
        XmlWrite.Attribute(root, "NotOnOrAfter", request.NotOnOrAfter is { } until ? SamlInstant.Format(until) : null);
        XmlWrite.Attribute(root, "Reason", request.Reason);

        var issuer = XmlWrite.Issuer(root, request.Issuer, request.IssuerFormat);
        var nameId = XmlWrite.TextChild(root, XmlWrite.AssertionPrefix, A, "NameID", request.NameId);
        XmlWrite.Attribute(nameId, "NameQualifier", request.NameQualifier);
        XmlWrite.Attribute(nameId, "SPNameQualifier", request.SpNameQualifier);
        XmlWrite.Attribute(nameId, "Format", request.NameIdFormat);
        foreach (var sessionIndex in request.SessionIndexes)
        {
            XmlWrite.TextChild(root, XmlWrite.ProtocolPrefix, P, "SessionIndex", sessionIndex);
        }

        return (document, issuer);
    }
}
