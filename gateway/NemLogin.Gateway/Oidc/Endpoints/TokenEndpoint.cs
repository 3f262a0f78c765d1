using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using NemLogin.Gateway.Oidc.Signing;
using NemLogin.Gateway.Oidc.Stores;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace NemLogin.Gateway.Oidc.Endpoints;

/// <summary>
/// The token endpoint after OpenIddict authenticated the client and validated the code (PKCE verifier, redirect URI,
/// single use) or refresh token (rotation, reuse detection): issues tokens for the principal the grant carries.
/// </summary>
internal sealed class TokenEndpoint(OidcClientCatalog clients, TokenSigningKeys keys)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
        {
            return OidcResults.Error(Errors.UnsupportedGrantType, "Only authorization_code and refresh_token are supported.");
        }

        var grant = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (grant.Principal is not { } principal)
        {
            return OidcResults.Error(Errors.InvalidGrant, "The grant is no longer valid.");
        }

        // A client deleted since the grant gets nothing more (OpenIddict found it at client authentication, but re-check the registration).
        if (await clients.FindAsync(request.ClientId) is not { } client)
        {
            return OidcResults.Error(Errors.InvalidClient, "The client is no longer registered.");
        }

        // RFC 7591 2: a client authenticates with the method it registered, not with any method the provider offers (a secret
        // registered for the Authorization header is not accepted in the form body, where logs and proxies see it).
        if (!string.Equals(AuthenticationMethodOf(context, request), client.TokenEndpointAuthMethod, StringComparison.Ordinal))
        {
            return OidcResults.Error(Errors.InvalidClient, "The client authenticated with another method than the one it registered.");
        }

        await keys.EnsureAsync(context.RequestAborted);
        return OidcResults.SignIn(principal);
    }

    /// <summary>How the client authenticated this request (OpenIddict has already checked the credential itself).</summary>
    private static string AuthenticationMethodOf(HttpContext context, OpenIddictRequest request) =>
        request.ClientAssertion is not null ? ClientAuthenticationMethods.PrivateKeyJwt
        : context.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) ? ClientAuthenticationMethods.ClientSecretBasic
        : ClientAuthenticationMethods.ClientSecretPost;
}
