using Microsoft.AspNetCore;
using Microsoft.AspNetCore.WebUtilities;
using NemLogin.Gateway.Logout;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace NemLogin.Gateway.Oidc.Endpoints;

/// <summary>
/// RP-initiated logout (OIDC RP-Initiated Logout 1.0) after OpenIddict checked the <c>post_logout_redirect_uri</c>
/// against the client's registration: one single logout across both protocols, as <see cref="LogoutStarter"/> runs it
/// (OIDC clients over the back channel, SAML participants by LogoutRequests through this browser), ending at the
/// client's post-logout redirect with its <c>state</c> (§3), or at the broker's result page when it named none.
/// </summary>
internal sealed class EndSessionEndpoint(LogoutStarter starter)
{
    public Task<IResult> HandleAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var returnUrl = request.PostLogoutRedirectUri is { Length: > 0 } uri && request.State is { Length: > 0 } state
            ? QueryHelpers.AddQueryString(uri, Parameters.State, state)
            : request.PostLogoutRedirectUri;
        return starter.FromOidcClientAsync(context, request.ClientId, string.IsNullOrEmpty(returnUrl) ? null : returnUrl);
    }
}
