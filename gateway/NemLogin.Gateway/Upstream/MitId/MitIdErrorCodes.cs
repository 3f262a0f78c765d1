namespace NemLogin.Gateway.Upstream.MitId;

/// <summary>The stable <see cref="UpstreamException.Code"/> values the MitID client raises. Tests and callers match on these.</summary>
public static class MitIdErrorCodes
{
    /// <summary>The user cancelled at MitID (<c>error=access_denied</c>).</summary>
    public const string Cancelled = "upstream.cancelled";

    /// <summary>MitID answered the authorization request with another error.</summary>
    public const string Error = "upstream.error";

    /// <summary>The callback's <c>iss</c> is not MitID's issuer, or missing though promised (RFC 9207 mix-up defence).</summary>
    public const string IssuerMismatch = "upstream.issuer-mismatch";

    /// <summary>The callback is malformed: no code, or a parameter repeated.</summary>
    public const string ResponseInvalid = "upstream.response-invalid";

    /// <summary>The pending login lacks the nonce or PKCE verifier it was started with.</summary>
    public const string FlowInvalid = "upstream.flow-invalid";

    /// <summary>MitID's discovery document or keys could not be fetched or are unacceptable.</summary>
    public const string MetadataUnavailable = "upstream.metadata-unavailable";

    /// <summary>The code could not be exchanged for tokens.</summary>
    public const string ExchangeFailed = "upstream.exchange-failed";

    /// <summary>The ID token failed validation: signature, algorithm, issuer, audience, times or claims.</summary>
    public const string TokenInvalid = "upstream.token-invalid";

    /// <summary>The ID token's nonce is not the one this login sent (replay or injection).</summary>
    public const string NonceMismatch = "upstream.nonce-mismatch";
}
