using NemLogin.Saml.Signatures;
using NemLogin.Saml.Signing;

namespace NemLogin.Saml.Messages;

/// <summary>Writes and reads LogoutResponse XML (SAML Core 3.7.2).</summary>
public static class LogoutResponseXml
{
    /// <summary>Unsigned XML, for HTTP-Redirect where the binding signs the query (SAML Bindings 3.4.4.1).</summary>
    public static string Write(LogoutResponse response) => LogoutResponseWriter.Build(response).Document.OuterXml;

    /// <summary>XML with an enveloped signature after the Issuer, for HTTP-POST (SAML Bindings 3.5.4).</summary>
    public static async Task<string> WriteSignedAsync(LogoutResponse response, ISamlSigner signer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var (document, issuer) = LogoutResponseWriter.Build(response);
        await XmlSignatureWriter.SignAsync(document.DocumentElement!, issuer, signer, ct).ConfigureAwait(false);
        return document.OuterXml;
    }

    /// <summary>Parses with <see cref="Xml.SafeXml"/> and reads the envelope and status; applies no profile rule.</summary>
    public static ReceivedMessage<LogoutResponse> Read(string xml, SamlLimits limits) => LogoutResponseReader.Read(xml, limits);
}
