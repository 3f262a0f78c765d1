using NemLogin.Grains.Errors;

namespace NemLogin.Gateway.Upstream.MitId;

/// <summary>The stable <see cref="UpstreamException.Code"/> values the MitID client raises. Tests and callers match on these.</summary>
public static class MitIdErrorCodes
{
    /// <summary>The user cancelled at MitID (<c>error=access_denied</c>).</summary>
    public static readonly string Cancelled = BrokerErrors.Name(BrokerError.UpstreamCancelled);

    /// <summary>MitID answered the authorization request with another error.</summary>
    public static readonly string Error = BrokerErrors.Name(BrokerError.UpstreamError);

    /// <summary>The callback's <c>iss</c> is not MitID's issuer, or missing though promised (RFC 9207 mix-up defence).</summary>
    public static readonly string IssuerMismatch = BrokerErrors.Name(BrokerError.UpstreamIssuerMismatch);

    /// <summary>The callback is malformed: no code, or a parameter repeated.</summary>
    public static readonly string ResponseInvalid = BrokerErrors.Name(BrokerError.UpstreamResponseInvalid);

    /// <summary>The pending login lacks the nonce or PKCE verifier it was started with.</summary>
    public static readonly string FlowInvalid = BrokerErrors.Name(BrokerError.UpstreamFlowInvalid);

    /// <summary>MitID's discovery document or keys could not be fetched or are unacceptable.</summary>
    public static readonly string MetadataUnavailable = BrokerErrors.Name(BrokerError.UpstreamMetadataUnavailable);

    /// <summary>The code could not be exchanged for tokens.</summary>
    public static readonly string ExchangeFailed = BrokerErrors.Name(BrokerError.UpstreamExchangeFailed);

    /// <summary>The ID token failed validation: signature, algorithm, issuer, audience, times or claims.</summary>
    public static readonly string TokenInvalid = BrokerErrors.Name(BrokerError.UpstreamTokenInvalid);

    /// <summary>The ID token's nonce is not the one this login sent (replay or injection).</summary>
    public static readonly string NonceMismatch = BrokerErrors.Name(BrokerError.UpstreamNonceMismatch);
}
