using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.WebUtilities;
using NemLogin.Gateway.Hosting;
using NemLogin.Gateway.Logout;
using NemLogin.Gateway.Sessions;
using NemLogin.Grains.Sessions;
using NemLogin.Grains;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace NemLogin.Gateway.Oidc.Endpoints;

/// <summary>
/// RP-initiated logout (OIDC RP-Initiated Logout 1.0) after OpenIddict checked the <c>post_logout_redirect_uri</c>
/// against the client's registration (and the <c>id_token_hint</c>'s signature when one is sent): one single logout across
/// both protocols, as <see cref="LogoutStarter"/> runs it (OIDC clients over the back channel, SAML participants by
/// LogoutRequests through this browser), ending at the client's post-logout redirect with its <c>state</c> (§3), or at
/// the broker's result page when it named none.
/// </summary>
/// <remarks>
/// Logout CSRF: any site can send a browser here (a link, a redirect, an image), and the broker's SameSite=Lax session
/// cookie goes with such top-level GETs. So the session ends without a question only when the request proves it comes
/// from a party of this very session: an <c>id_token_hint</c> issued to a client of the session with the <c>sid</c> that
/// client knows it by. Otherwise the person is asked (§2: the OP asks when it cannot tell), and only the answer, a
/// same-origin POST of the page's form carrying the request again (re-checked by OpenIddict), ends the session; a
/// cross-site POST carries no Lax cookie and ends nothing. Without a session there is nothing to protect and nothing asked.
/// </remarks>
internal sealed class EndSessionEndpoint(LogoutStarter starter, BrowserSessions sessions, IGrainFactory grains, IBrokerUrls urls)
{
    /// <summary>The form field the confirmation page posts with the request's own parameters.</summary>
    public const string ConfirmField = "nl_confirm";

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var returnUrl = request.PostLogoutRedirectUri is { Length: > 0 } uri && request.State is { Length: > 0 } state
            ? QueryHelpers.AddQueryString(uri, Parameters.State, state)
            : request.PostLogoutRedirectUri;
        returnUrl = string.IsNullOrEmpty(returnUrl) ? null : returnUrl;

        if (sessions.Read(context) is { } sessionId && !Confirmed(context) && !await HintNamesSessionAsync(context, sessionId))
        {
            return EndSessionConfirmPage.Show(context, request, returnUrl);
        }

        return await starter.FromOidcClientAsync(context, request.ClientId, returnUrl);
    }

    /// <summary>The person answered the confirmation page: a POST from the broker's own origin with the confirm field.</summary>
    private bool Confirmed(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.HasFormContentType || context.Request.Form[ConfirmField] != "1")
        {
            return false;
        }

        // Defence in depth beside the Lax cookie: a browser that says where the form came from must say "here".
        var origin = context.Request.Headers.Origin.ToString();
        var site = context.Request.Headers["Sec-Fetch-Site"].ToString();
        return (origin.Length == 0 || string.Equals(origin.TrimEnd('/'), new Uri(urls.BaseUrl).GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
            && (site.Length == 0 || site == "same-origin");
    }

    /// <summary>The <c>id_token_hint</c> (verified by OpenIddict) names an OIDC participant of this session by its <c>sid</c>.</summary>
    private async Task<bool> HintNamesSessionAsync(HttpContext context, string sessionId)
    {
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (result.Principal is not { } hint || hint.GetClaim("sid") is not { Length: > 0 } sid)
        {
            return false;
        }

        var audiences = hint.GetAudiences();
        var session = await grains.Reference<ISessionGrain>(sessionId).GetAsync();
        return session?.Participants.Any(p => p.Protocol == ParticipantProtocol.Oidc
            && string.Equals(p.SessionIndex, sid, StringComparison.Ordinal)
            && audiences.Contains(p.ServiceProviderId, StringComparer.Ordinal)) == true;
    }
}
