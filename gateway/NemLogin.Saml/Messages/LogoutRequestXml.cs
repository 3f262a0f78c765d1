using NemLogin.Saml.Signatures;
using NemLogin.Saml.Signing;

namespace NemLogin.Saml.Messages;

/// <summary>Writes and reads LogoutRequest XML (SAML Core 3.7.1).</summary>
public static class LogoutRequestXml
{
    /// <summary>Unsigned XML, for HTTP-Redirect where the binding signs the query (SAML Bindings 3.4.4.1).</summary>
    public static string Write(LogoutRequest request) => LogoutRequestWriter.Build(request).Document.OuterXml;

    /// <summary>XML with an enveloped signature after the Issuer, for HTTP-POST (SAML Bindings 3.5.4).</summary>
    public static async Task<string> WriteSignedAsync(LogoutRequest request, ISamlSigner signer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var (document, issuer) = LogoutRequestWriter.Build(request);
        await XmlSignatureWriter.SignAsync(document.DocumentElement!, issuer, signer, ct).ConfigureAwait(false);
        return document.OuterXml;
    }

    /// <summary>Parses with <see cref="Xml.SafeXml"/> and reads the structure; applies no profile rule.</summary>
    public static ReceivedMessage<LogoutRequest> Read(string xml, SamlLimits limits) => LogoutRequestReader.Read(xml, limits);
}
