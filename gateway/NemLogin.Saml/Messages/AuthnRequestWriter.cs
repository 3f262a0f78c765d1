using System.Globalization;
using System.Xml;

namespace NemLogin.Saml.Messages;

/// <summary>Builds the AuthnRequest element tree in SAML Core 3.4.1 schema order.</summary>
internal static class AuthnRequestWriter
{
    private const string P = SamlConstants.Namespaces.Protocol;
    private const string A = SamlConstants.Namespaces.Assertion;

    public static (XmlDocument Document, XmlElement Issuer) Build(AuthnRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.Id);
        ArgumentException.ThrowIfNullOrEmpty(request.Issuer);

        var document = XmlWrite.NewDocument();
        var root = XmlWrite.Root(document, XmlWrite.ProtocolPrefix, P, "AuthnRequest");
        XmlWrite.Namespace(root, XmlWrite.AssertionPrefix, A);
        root.SetAttribute("ID", request.Id);
        root.SetAttribute("Version", SamlConstants.Version);
        root.SetAttribute("IssueInstant", SamlInstant.Format(request.IssueInstant));
        XmlWrite.Attribute(root, "Destination", request.Destination);
        if (request.ForceAuthn)
        {
            root.SetAttribute("ForceAuthn", "true");
        }

        if (request.IsPassive)
        {
            root.SetAttribute("IsPassive", "true");
        }

        XmlWrite.Attribute(root, "ProtocolBinding", request.ProtocolBinding);
        XmlWrite.Attribute(root, "AssertionConsumerServiceURL", request.AssertionConsumerServiceUrl);
        XmlWrite.Attribute(
            root,
            "AssertionConsumerServiceIndex",
            request.AssertionConsumerServiceIndex?.ToString(CultureInfo.InvariantCulture));

        var issuer = XmlWrite.Issuer(root, request.Issuer, request.IssuerFormat);

        if (request.NameIdPolicyFormat is not null || request.AllowCreate is not null)
        {
            var policy = XmlWrite.Child(root, XmlWrite.ProtocolPrefix, P, "NameIDPolicy");
            XmlWrite.Attribute(policy, "Format", request.NameIdPolicyFormat);
            XmlWrite.Attribute(policy, "AllowCreate", request.AllowCreate is { } allow ? XmlWrite.Boolean(allow) : null);
        }

        if (request.RequestedAuthnContext is { } context)
        {
            var requested = XmlWrite.Child(root, XmlWrite.ProtocolPrefix, P, "RequestedAuthnContext");
            requested.SetAttribute("Comparison", context.Comparison);
            foreach (var classRef in context.ClassRefs)
            {
                XmlWrite.TextChild(requested, XmlWrite.AssertionPrefix, A, "AuthnContextClassRef", classRef);
            }
        }

        return (document, issuer);
    }
}
