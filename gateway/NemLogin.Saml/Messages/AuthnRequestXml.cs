using NemLogin.Saml.Signatures;
using NemLogin.Saml.Signing;

namespace NemLogin.Saml.Messages;

/// <summary>Writes and reads AuthnRequest XML (SAML Core 3.4.1).</summary>
public static class AuthnRequestXml
{
    /// <summary>Unsigned XML, for HTTP-Redirect where the binding signs the query (SAML Bindings 3.4.4.1).</summary>
    public static string Write(AuthnRequest request) => AuthnRequestWriter.Build(request).Document.OuterXml;

    /// <summary>XML with an enveloped signature after the Issuer, for HTTP-POST (SAML Bindings 3.5.4).</summary>
    public static async Task<string> WriteSignedAsync(AuthnRequest request, ISamlSigner signer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var (document, issuer) = AuthnRequestWriter.Build(request);
        await XmlSignatureWriter.SignAsync(document.DocumentElement!, issuer, signer, ct).ConfigureAwait(false);
        return document.OuterXml;
    }

    /// <summary>Parses with <see cref="Xml.SafeXml"/> and reads the structure; applies no profile rule.</summary>
    public static ReceivedMessage<AuthnRequest> Read(string xml, SamlLimits limits) => AuthnRequestReader.Read(xml, limits);

    /// <summary>
    /// The Issuer of a received request, read before any check so the broker can find the service provider whose
    /// certificates then verify it. Nothing else about the message is trusted or checked.
    /// </summary>
    public static string PeekIssuerUnvalidated(string xml, SamlLimits limits) => AuthnRequestReader.PeekIssuer(xml, limits);
}
