using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace NemLogin.Gateway.Tests.MitIdSimulator;

/// <summary>POST /mitid-sim/authorize: the login form's outcomes and its anti-forgery binding.</summary>
public sealed class LoginFormTests
{
    [Fact]
    public async Task Login_KnownUser_RedirectsWithCodeStateAndIss()
    {
        await using var host = await MitIdTestHost.StartAsync();
        using var browser = host.NewBrowser();

        var location = await browser.LogInAsync(OidcRequests.AuthorizeUrl(host), "alice");

        Assert.StartsWith(host.CallbackUrl + "?", location.ToString(), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(43, query["code"].ToString().Length);
        Assert.Equal(OidcRequests.State, query["state"].ToString());
        Assert.Equal(host.Issuer, query["iss"].ToString()); // RFC 9207 2
    }

    [Fact]
    public async Task Login_UnknownUser_ShowsFormAgainWithError()
    {
        await using var host = await MitIdTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var page = await browser.GetAsync(OidcRequests.AuthorizeUrl(host));
        var form = LoginForm.Parse(page.Html);

        var retry = await browser.SubmitAsync(form, "login", "mallory");

        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Null(retry.Location);
        Assert.Contains("No test user has that user name.", retry.Html, StringComparison.Ordinal);
        Assert.Equal(form.PendingId, LoginForm.Parse(retry.Html).PendingId);

        var afterRetry = await browser.SubmitAsync(LoginForm.Parse(retry.Html), "login", "alice");
        Assert.Equal(HttpStatusCode.Redirect, afterRetry.Status);
    }

    [Fact]
    public async Task Login_Cancel_RedirectsAccessDeniedWithState()
    {
        await using var host = await MitIdTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var page = await browser.GetAsync(OidcRequests.AuthorizeUrl(host));

        var result = await browser.SubmitAsync(LoginForm.Parse(page.Html), "cancel");

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        var query = QueryHelpers.ParseQuery(result.Location!.Query);
        Assert.Equal("access_denied", query["error"].ToString());
        Assert.Equal(OidcRequests.State, query["state"].ToString());
        Assert.False(query.ContainsKey("code"));
    }

    // Login CSRF: a post made from another site lacks the SameSite=Strict browser cookie the form is bound to.
    [Fact]
    public async Task Login_PostedFromAnotherBrowser_IsRefused()
    {
        await using var host = await MitIdTestHost.StartAsync();
        using var victim = host.NewBrowser();
        using var attacker = host.NewBrowser();
        var form = LoginForm.Parse((await attacker.GetAsync(OidcRequests.AuthorizeUrl(host))).Html);

        var result = await victim.SubmitAsync(form, "login", "alice");

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Null(result.Location);
    }

    // Login CSRF: the form token must be the one issued with the pending authorization.
    [Fact]
    public async Task Login_WrongFormToken_IsRefused()
    {
        await using var host = await MitIdTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var form = LoginForm.Parse((await browser.GetAsync(OidcRequests.AuthorizeUrl(host))).Html);

        // Change the first character to one it is not (a fixed replacement leaves the token as it was one time in 64).
        var other = form.FormToken[0] == 'A' ? "B" : "A";
        var result = await browser.SubmitAsync(form with { FormToken = other + form.FormToken[1..] }, "login", "alice");

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Null(result.Location);
    }

    // One authorization yields one code: a double submit (or a replayed post) finds the pending request gone.
    [Fact]
    public async Task Login_SubmittedTwice_SecondIsRefused()
    {
        await using var host = await MitIdTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var form = LoginForm.Parse((await browser.GetAsync(OidcRequests.AuthorizeUrl(host))).Html);

        var first = await browser.SubmitAsync(form, "login", "alice");
        var second = await browser.SubmitAsync(form, "login", "alice");

        Assert.Equal(HttpStatusCode.Redirect, first.Status);
        Assert.Equal(HttpStatusCode.BadRequest, second.Status);
        Assert.Null(second.Location);
    }

    // Abandoned flows expire (docs/security.md, Abuse).
    [Fact]
    public async Task Login_AfterPendingLifetime_IsRefusedAsExpired()
    {
        var clock = new ManualTimeProvider();
        await using var host = await MitIdTestHost.StartAsync(services => services.AddSingleton<TimeProvider>(clock));
        using var browser = host.NewBrowser();
        var form = LoginForm.Parse((await browser.GetAsync(OidcRequests.AuthorizeUrl(host))).Html);

        clock.Advance(TimeSpan.FromMinutes(11));
        var result = await browser.SubmitAsync(form, "login", "alice");

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains("expired", result.Html, StringComparison.Ordinal);
    }
}
