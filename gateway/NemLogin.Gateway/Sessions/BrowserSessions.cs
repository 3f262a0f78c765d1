namespace NemLogin.Gateway.Sessions;

/// <summary>
/// The browser's handle on its single sign-on session: the session's <see cref="IssuedId.Token"/> in an HttpOnly cookie.
/// A cookie the broker did not issue reads as no session; a session is only ever started under an id issued for it
/// (<see cref="IssueNew"/>), so a value planted in a browser before a login can never become the session after it.
/// </summary>
internal sealed class BrowserSessions(IssuedIds ids, BrokerCookies cookies)
{
    public const string CookieBaseName = "nemlogin.sid";

    /// <summary>The session id (grain key) the browser's cookie carries, when the broker issued it; else null.</summary>
    public string? Read(HttpContext context) =>
        ids.TryRead(IssuedIdPurpose.Session, context.Request.Cookies[cookies.Name(context, CookieBaseName)], out var key) ? key : null;

    /// <summary>A new session id for a successful authentication; the browser gets its token at <see cref="Use"/>.</summary>
    public IssuedId IssueNew() => ids.New(IssuedIdPurpose.Session);

    /// <summary>Gives the browser the cookie of the session just started.</summary>
    public void Use(HttpContext context, IssuedId session) =>
        context.Response.Cookies.Append(cookies.Name(context, CookieBaseName), session.Token, cookies.Options(context));

    public void Clear(HttpContext context) => context.Response.Cookies.Delete(cookies.Name(context, CookieBaseName), cookies.Options(context));
}
