using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using NemLogin.Gateway.Hosting;
using NemLogin.Gateway.Sessions;
using NemLogin.Gateway.Tests.Upstream;
using Xunit;

namespace NemLogin.Gateway.Tests.Sessions;

/// <summary>
/// The session cookie over https: <c>__Host-</c> prefixed and Secure, so a sibling subdomain or a plain-http page cannot
/// plant it (session fixation); over plain http on a developer's machine, the plain name.
/// </summary>
public sealed class BrokerCookiesTests
{
    [Fact]
    public void SessionCookie_PublicBaseUrlHttps_HostPrefixedSecureHttpOnlyLax()
    {
        var (sessions, ids) = Sessions("https://broker.example");
        var context = new DefaultHttpContext();

        sessions.Use(context, ids.New(IssuedIdPurpose.Session));

        var cookie = context.Response.Headers.SetCookie.ToString();
        Assert.StartsWith("__Host-nemlogin.sid=", cookie, StringComparison.Ordinal);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void SessionCookie_PlainHttpDevelopment_PlainNameNotSecure()
    {
        var (sessions, ids) = Sessions("http://localhost:5000");
        var context = new DefaultHttpContext();

        sessions.Use(context, ids.New(IssuedIdPurpose.Session));

        var cookie = context.Response.Headers.SetCookie.ToString();
        Assert.StartsWith("nemlogin.sid=", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void SessionCookie_PlainNameSentOverHttps_NotRead()
    {
        // Over https only the __Host- cookie counts: a plain-named one may have been planted by a plain-http page.
        var (sessions, ids) = Sessions("https://broker.example");
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = "nemlogin.sid=" + ids.New(IssuedIdPurpose.Session).Token;

        Assert.Null(sessions.Read(context));
    }

    [Fact]
    public void SessionCookie_IssuedForAFlow_NotReadAsASession()
    {
        var (sessions, ids) = Sessions("http://localhost:5000");
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = "nemlogin.sid=" + ids.New(IssuedIdPurpose.LoginFlow).Token;

        Assert.Null(sessions.Read(context));
    }

    private static (BrowserSessions Sessions, IssuedIds Ids) Sessions(string baseUrl)
    {
        var ids = new IssuedIds(new EphemeralDataProtectionProvider());
        IBrokerUrls urls = new FixedBrokerUrls(baseUrl);
        return (new BrowserSessions(ids, new BrokerCookies(urls)), ids);
    }
}
