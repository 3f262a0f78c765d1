using NemLogin.Grains.Errors;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.LoginFlows;

namespace NemLogin.Gateway.Upstream.MitId;

/// <summary>
/// MitID as the broker's upstream: OpenID Connect authorization code flow with PKCE, client_secret_basic, nonce
/// and RFC 9207 issuer identification (the profile RFC 9700 recommends).
/// </summary>
internal sealed class MitIdUpstreamProvider(
    MitIdAuthority authority,
    MitIdMetadataCache metadataCache,
    MitIdTokenClient tokenClient,
    MitIdIdTokenValidator validator,
    IOptions<MitIdUpstreamOptions> options,
    ILogger<MitIdUpstreamProvider> logger) : IUpstreamIdentityProvider
{
    public const string ProviderName = "mitid";

    public string Name => ProviderName;

    public string AuthorityId => authority.Issuer;

    public UpstreamChallenge CreateChallenge(string flowId, LevelOfAssurance requiredLoa, bool forceAuthn, string? loginHint = null)
    {
        var nonce = Pkce.CreateRandomValue();
        var verifier = Pkce.CreateRandomValue();
        var parameters = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = options.Value.ClientId,
            ["redirect_uri"] = authority.RedirectUri,
            ["scope"] = options.Value.Scope,
            ["state"] = flowId,
            ["nonce"] = nonce,
            ["code_challenge"] = Pkce.S256Challenge(verifier),
            ["code_challenge_method"] = "S256",
        };
        if (NsisAcr.ToUri(requiredLoa) is { } acr)
        {
            parameters["acr_values"] = acr;
        }

        // OIDC Core 3.1.2.1: the relying party's hint of who logs in, passed on for MitID to start with.
        if (loginHint is not null)
        {
            parameters["login_hint"] = loginHint;
        }

        // OIDC Core 3.1.2.1: prompt=login makes MitID authenticate again (SAML ForceAuthn passed on).
        if (forceAuthn)
        {
            parameters["prompt"] = "login";
        }

        return new UpstreamChallenge(QueryHelpers.AddQueryString(authority.AuthorizationEndpoint, parameters), nonce, verifier);
    }

    public async Task<UpstreamAuthentication> CompleteAsync(HttpContext context, PendingLogin pending, CancellationToken cancellationToken)
    {
        var callback = MitIdCallback.Read(context.Request.Query);
        var metadata = await metadataCache.GetAsync(cancellationToken);
        CheckIssuer(callback, metadata);
        if (callback.Error is not null)
        {
            throw callback.Error == "access_denied"
                ? new UpstreamException(BrokerErrors.Name(BrokerError.UpstreamCancelled), "The user cancelled the login at MitID.")
                : new UpstreamException(BrokerErrors.Name(BrokerError.UpstreamError), "MitID answered the login with an error.");
        }

        if (callback.Code is null || callback.State is null)
        {
            throw new UpstreamException(BrokerErrors.Name(BrokerError.UpstreamResponseInvalid), "The MitID callback has no code or no state.");
        }

        if (pending.UpstreamNonce is null || pending.UpstreamCodeVerifier is null)
        {
            throw new UpstreamException(BrokerErrors.Name(BrokerError.UpstreamFlowInvalid), "The login flow was not started for an OpenID Connect upstream.");
        }

        var idToken = await tokenClient.ExchangeAsync(metadata, callback.Code, pending.UpstreamCodeVerifier, cancellationToken);
        var token = await validator.ValidateAsync(idToken, metadata, cancellationToken);

        // OIDC Core 3.1.3.7 item 11: the nonce binds the token to this login in this browser (replay, injection).
        if (!token.TryGetPayloadValue<string>("nonce", out var nonce) || !FixedTimeEquals(nonce, pending.UpstreamNonce))
        {
            throw new UpstreamException(BrokerErrors.Name(BrokerError.UpstreamNonceMismatch), "The ID token's nonce is not this login's.");
        }

        var authentication = MitIdClaims.Map(token, metadata.Issuer);
        Log.LoginCompleted(logger, authentication.Loa.ToString());
        return authentication;
    }

    /// <summary>
    /// RFC 9207 2.4: an <c>iss</c> that is not MitID's means the response came from another provider (mix-up);
    /// when MitID promises <c>iss</c>, its absence is refused too.
    /// </summary>
    private static void CheckIssuer(MitIdCallback callback, MitIdMetadata metadata)
    {
        if (callback.Issuer is null ? metadata.IssParameterSupported : !string.Equals(callback.Issuer, metadata.Issuer, StringComparison.Ordinal))
        {
            throw new UpstreamException(BrokerErrors.Name(BrokerError.UpstreamIssuerMismatch), "The callback's issuer is not MitID's.");
        }
    }

    private static bool FixedTimeEquals(string? presented, string expected) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
