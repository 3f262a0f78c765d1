using System.Security.Cryptography.X509Certificates;
using System.Text;
using NemLogin.Saml.Signatures;
using NemLogin.Saml.Signing;

namespace NemLogin.Saml.Bindings;

/// <summary>SAML HTTP-Redirect binding (SAML Bindings 3.4): DEFLATE, base64, URL encoding and the query signature.</summary>
public static class RedirectBinding
{
    /// <summary>
    /// Builds <c>destination?SAMLRequest=..&amp;RelayState=..&amp;SigAlg=..&amp;Signature=..</c> (raw DEFLATE, base64, URL-encoded),
    /// signing the exact octets <c>SAMLRequest=..&amp;RelayState=..&amp;SigAlg=..</c> (SAML Bindings 3.4.4.1).
    /// <paramref name="parameterName"/> is SAMLRequest or SAMLResponse; <paramref name="destination"/> may already have a query.
    /// </summary>
    public static async Task<string> BuildUrlAsync(
        string destination,
        string parameterName,
        string xml,
        string? relayState,
        ISamlSigner signer,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(destination);
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(signer);
        if (parameterName is not (RedirectQuery.SamlRequest or RedirectQuery.SamlResponse))
        {
            throw new ArgumentException("The parameter must be SAMLRequest or SAMLResponse.", nameof(parameterName));
        }

        if (destination.Contains('#', StringComparison.Ordinal))
        {
            throw new ArgumentException("The destination must not carry a fragment.", nameof(destination));
        }

        if (relayState is not null && Encoding.UTF8.GetByteCount(relayState) > SamlLimits.Default.MaxRelayStateBytes)
        {
            throw new ArgumentException("RelayState exceeds 80 bytes (SAML Bindings 3.4.3).", nameof(relayState));
        }

        var signed = new StringBuilder()
            .Append(parameterName).Append('=')
            .Append(Uri.EscapeDataString(Convert.ToBase64String(Deflate.Compress(Encoding.UTF8.GetBytes(xml)))));
        if (relayState is not null)
        {
            signed.Append('&').Append(RedirectQuery.RelayState).Append('=').Append(Uri.EscapeDataString(relayState));
        }

        signed.Append('&').Append(RedirectQuery.SigAlg).Append('=').Append(Uri.EscapeDataString(signer.SignatureAlgorithm));
        var octets = signed.ToString();
        var signature = await signer.SignAsync(Encoding.ASCII.GetBytes(octets), cancellationToken).ConfigureAwait(false);
        var separator = !destination.Contains('?', StringComparison.Ordinal) ? "?" : destination.EndsWith('?') || destination.EndsWith('&') ? string.Empty : "&";
        return $"{destination}{separator}{octets}&{RedirectQuery.Signature}={Uri.EscapeDataString(Convert.ToBase64String(signature))}";
    }

    /// <summary>
    /// Decodes a received raw query string (with or without a leading '?'), keeping the URL-encoded octets as received for the
    /// signature check. Errors: MessageTooLarge (checked before decoding), InflateTooLarge, EncodingInvalid, RelayStateTooLong,
    /// MessageMissing.
    /// </summary>
    public static RedirectMessage Decode(string rawQueryString, SamlLimits limits)
    {
        ArgumentNullException.ThrowIfNull(rawQueryString);
        ArgumentNullException.ThrowIfNull(limits);
        var query = RedirectQuery.Parse(rawQueryString, limits);
        var parameterName = MessageParameter(query);
        var rawMessage = query.Raw(parameterName)!;
        if (rawMessage.Length > limits.MaxEncodedLength)
        {
            throw new SamlException(SamlErrorCode.MessageTooLarge, $"The encoded message exceeds {limits.MaxEncodedLength} characters.");
        }

        var signedOctets = SignedOctets(query, parameterName);
        var relayState = query.Decoded(RedirectQuery.RelayState);
        if (relayState is not null && Encoding.UTF8.GetByteCount(relayState) > limits.MaxRelayStateBytes)
        {
            throw new SamlException(SamlErrorCode.RelayStateTooLong, $"RelayState exceeds {limits.MaxRelayStateBytes} bytes.");
        }

        var xml = WireText.Utf8(Deflate.Inflate(query.Base64(parameterName)!, limits.MaxInflatedLength));
        return new RedirectMessage(
            parameterName, xml, relayState, query.Decoded(RedirectQuery.SigAlg), query.Base64(RedirectQuery.Signature), signedOctets);
    }

    /// <summary>
    /// Verifies the query signature of a decoded message with one of <paramref name="trustedCertificates"/> (valid at
    /// <paramref name="now"/>, key at least the policy's minimum size) and returns it. Errors: SignatureMissing,
    /// SignatureAlgorithmNotAllowed, SignatureCertificateExpired, SignatureKeyUntrusted, SignatureKeyTooSmall, SignatureInvalid.
    /// </summary>
    public static X509Certificate2 VerifySignature(
        RedirectMessage message,
        IReadOnlyList<X509Certificate2> trustedCertificates,
        SignaturePolicy policy,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(trustedCertificates);
        ArgumentNullException.ThrowIfNull(policy);
        if (message.SigAlg is null || message.Signature is null)
        {
            throw new SamlException(SamlErrorCode.SignatureMissing, "The message carries no SigAlg and Signature.");
        }

        if (!SignatureAlgorithms.IsUsableSignature(message.SigAlg, policy))
        {
            throw new SamlException(SamlErrorCode.SignatureAlgorithmNotAllowed, "The signature algorithm is not allowed.");
        }

        foreach (var certificate in TrustedKeys.Select(trustedCertificates, [], now, policy))
        {
            if (SignatureAlgorithms.Verify(message.SigAlg, certificate, message.SignedOctets, message.Signature))
            {
                return certificate;
            }
        }

        throw new SamlException(SamlErrorCode.SignatureInvalid, "The query signature does not verify with any trusted certificate.");
    }

    private static string MessageParameter(RedirectQuery query)
    {
        var request = query.Raw(RedirectQuery.SamlRequest);
        var response = query.Raw(RedirectQuery.SamlResponse);
        return (request, response) switch
        {
            (not null, not null) => throw new SamlException(SamlErrorCode.EncodingInvalid, "Both SAMLRequest and SAMLResponse are present."),
            (null, null) or ({ Length: 0 }, null) or (null, { Length: 0 }) =>
                throw new SamlException(SamlErrorCode.MessageMissing, "The query carries no SAMLRequest or SAMLResponse."),
            (not null, null) => RedirectQuery.SamlRequest,
            _ => RedirectQuery.SamlResponse,
        };
    }

    // SAML Bindings 3.4.4.1: message, then RelayState when present, then SigAlg, joined by '&', as received.
    private static byte[] SignedOctets(RedirectQuery query, string parameterName)
    {
        var octets = new StringBuilder().Append(parameterName).Append('=').Append(query.Raw(parameterName));
        foreach (var name in new[] { RedirectQuery.RelayState, RedirectQuery.SigAlg })
        {
            if (query.Raw(name) is { } raw)
            {
                octets.Append('&').Append(name).Append('=').Append(raw);
            }
        }

        var text = octets.ToString();
        if (!Ascii.IsValid(text))
        {
            throw new SamlException(SamlErrorCode.EncodingInvalid, "The signed parameters must be URL-encoded ASCII.");
        }

        return Encoding.ASCII.GetBytes(text);
    }
}
