using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using NemLogin.Gateway.Sessions;
using static NemLogin.Gateway.Pages.HtmlPage;

namespace NemLogin.Gateway.SelfService;

/// <summary>
/// Cross-site request forgery (CSRF) protection for every self-service form that changes something: ASP.NET Core's
/// antiforgery tokens (a random cookie token and a form token tied to it), with the form token also bound to the broker
/// session the page was shown in (a one-way reference of the session id as the token's user). A form posted from another
/// site, without the token, with another browser's token, or from an earlier session (after logging out and in again) is
/// refused before anything is read or changed.
/// </summary>
internal sealed class FormProtection(IAntiforgery antiforgery)
{
    public const string FieldName = "csrf";
    public const string CookieName = "nemlogin.csrf";

    /// <summary>The hidden field every state-changing form carries (issues the cookie token when the browser has none).</summary>
    public string Field(HttpContext context, SelfServiceUser user)
    {
        Bind(context, user);
        var tokens = antiforgery.GetAndStoreTokens(context);
        return $"""<input type="hidden" name="{FieldName}" value="{E(tokens.RequestToken)}">""";
    }

    /// <summary>Whether the POSTed form carries a token this browser was given for this session.</summary>
    public async Task<bool> IsValidAsync(HttpContext context, SelfServiceUser user)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.HasFormContentType)
        {
            return false;
        }

        Bind(context, user);
        return await antiforgery.IsRequestValidAsync(context);
    }

    public static void Configure(AntiforgeryOptions options)
    {
        options.FormFieldName = FieldName;
        options.HeaderName = null;
        options.Cookie.Name = CookieName;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.Cookie.HttpOnly = true;

        // The pages' Content-Security-Policy says frame-ancestors 'none' already.
        options.SuppressXFrameOptionsHeader = true;
    }

    // Antiforgery ties the form token to the request's user; the self-service user is the broker session, named by a one-way
    // reference (the session id itself is a bearer secret and never leaves the cookie).
    private static void Bind(HttpContext context, SelfServiceUser user) =>
        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", SessionReference.For(user.SessionId))], "nemlogin-session"));
}
