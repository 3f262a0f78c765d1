using Microsoft.AspNetCore.Authentication;
using NemLogin.Gateway.Sessions;
using NemLogin.Grains.Sessions;
using OpenIddict.Server.AspNetCore;

namespace NemLogin.Gateway.Oidc.Endpoints;

/// <summary>
/// RP-initiated logout after OpenIddict checked the <c>post_logout_redirect_uri</c> against the client's registration:
/// ends the browser's broker session, tells its OIDC clients over the back channel, and returns to the client. SAML
/// participants of that session are not sent LogoutRequests from here (see docs/security.md, OIDC: not done).
/// </summary>
internal sealed class EndSessionEndpoint(IGrainFactory grains, BrowserSessions sessions, Logout.BackChannelLogout backChannel)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        if (sessions.Read(context) is { } sessionId)
        {
            if (await grains.GetGrain<ISessionGrain>(sessionId).EndAsync() is { } ended)
            {
                await backChannel.NotifyAsync(ended, context.RequestAborted);
            }

            sessions.Clear(context);
        }

        return TypedResults.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
