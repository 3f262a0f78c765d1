using System.Security.Cryptography.X509Certificates;
using NemLogin.Saml.Signatures;
using NemLogin.Saml.Signing;

namespace NemLogin.Saml.Bindings;

/// <summary>SAML HTTP-Redirect binding (SAML Bindings 3.4): DEFLATE, base64, URL encoding and the query signature.</summary>
public static class RedirectBinding
{
    /// <summary>Builds the redirect URL with a query signature over SAMLRequest|SAMLResponse, RelayState and SigAlg.</summary>
    public static Task<string> BuildUrlAsync(
        string destination,
        string parameterName,
        string xml,
        string? relayState,
        ISamlSigner signer,
        CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>Decodes a received raw query string, keeping the received octets for signature checking.</summary>
    public static RedirectMessage Decode(string rawQueryString, SamlLimits limits) => throw new NotImplementedException();

    /// <summary>Verifies the query signature with one of the trusted certificates and returns it.</summary>
    public static X509Certificate2 VerifySignature(
        RedirectMessage message,
        IReadOnlyList<X509Certificate2> trustedCertificates,
        SignaturePolicy policy,
        DateTimeOffset now) => throw new NotImplementedException();
}
