using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Xunit;

namespace NemLogin.Gateway.Tests.MitIdSimulator;

/// <summary>GET /mitid-sim/authorize: which requests get a login form, an error redirect, or an error page.</summary>
public sealed class AuthorizeEndpointTests
{
    [Fact]
    public async Task Authorize_ValidRequest_ShowsLoginFormWithoutScript()
    {
        await using var host = await MitIdTestHost.StartAsync();
        using var browser = host.NewBrowser();

        var page = await browser.GetAsync(OidcRequests.AuthorizeUrl(host));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("name=\"username\"", page.Html, StringComparison.Ordinal);
        Assert.Contains(">Log in</button>", page.Html, StringComparison.Ordinal);
        Assert.Contains(">Cancel</button>", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("/mitid-sim/authorize", LoginForm.Parse(page.Html).Action);
    }

    // OIDC Core 3.1.2.1 / RFC 9700 2.1: exact redirect_uri match; an unregistered one must never be redirected to
    // (open redirector, code theft through a lookalike URI).
    [Theory]
    [InlineData("https://attacker.example/upstream/mitid/callback")]
    [InlineData("{base}/upstream/mitid/callback/")]
    [InlineData("{base}/upstream/mitid/callback?next=https://attacker.example")]
    [InlineData("{base}/upstream/mitid/CALLBACK")]
    public async Task Authorize_RedirectUriNotExactlyRegistered_ShowsErrorPageWithoutRedirect(string redirectUri)
    {
        await using var host = await MitIdTestHost.StartAsync();
        using var browser = host.NewBrowser();

        var page = await browser.GetAsync(OidcRequests.AuthorizeUrl(host, new Dictionary<string, string?>
        {
            ["redirect_uri"] = redirectUri.Replace("{base}", host.BaseUrl, StringComparison.Ordinal),
        }));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Null(page.Location);
        Assert.Contains("not registered", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"username\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_UnknownClient_ShowsErrorPageWithoutRedirect()
    {
        await using var host = await MitIdTestHost.StartAsync();
        using var browser = host.NewBrowser();

        var page = await browser.GetAsync(OidcRequests.AuthorizeUrl(host, new Dictionary<string, string?> { ["client_id"] = "someone-else" }));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Null(page.Location);
    }

    // RFC 7636 4.3 and RFC 9700 2.1.1: PKCE is required and only S256 is accepted (downgrade to plain refused).
    [Theory]
    [InlineData("code_challenge_method", "plain", "invalid_request")]
    [InlineData("code_challenge_method", null, "invalid_request")]
    [InlineData("code_challenge", null, "invalid_request")]
    [InlineData("nonce", null, "invalid_request")]
    [InlineData("response_type", "token", "unsupported_response_type")]
    [InlineData("scope", "profile", "invalid_scope")]
    [InlineData("prompt", "none", "login_required")]
    public async Task Authorize_ProtocolViolation_RedirectsErrorWithStateAndIss(string parameter, string? value, string expectedError)
    {
        await using var host = await MitIdTestHost.StartAsync();
        using var browser = host.NewBrowser();

        var page = await browser.GetAsync(OidcRequests.AuthorizeUrl(host, new Dictionary<string, string?> { [parameter] = value }));

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith(host.CallbackUrl + "?", page.Location!.ToString(), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(page.Location.Query);
        Assert.Equal(expectedError, query["error"].ToString());
        Assert.Equal(OidcRequests.State, query["state"].ToString());
        Assert.Equal(host.Issuer, query["iss"].ToString());
        Assert.False(query.ContainsKey("code"));
    }

    [Fact]
    public async Task Authorize_PromptLoginAndAcrValues_ShowsLoginForm()
    {
        await using var host = await MitIdTestHost.StartAsync();
        using var browser = host.NewBrowser();

        var page = await browser.GetAsync(OidcRequests.AuthorizeUrl(host, new Dictionary<string, string?>
        {
            ["prompt"] = "login",
            ["acr_values"] = "https://data.gov.dk/concept/core/nsis/loa/High",
        }));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("nsis/loa/High", page.Html, StringComparison.Ordinal);
    }

    // RFC 6749 3.1: a repeated parameter is refused, so a second redirect_uri cannot be smuggled past the check.
    [Fact]
    public async Task Authorize_RepeatedRedirectUri_ShowsErrorPageWithoutRedirect()
    {
        await using var host = await MitIdTestHost.StartAsync();
        using var browser = host.NewBrowser();

        var page = await browser.GetAsync(OidcRequests.AuthorizeUrl(host) + "&redirect_uri=" + Uri.EscapeDataString("https://attacker.example/cb"));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Null(page.Location);
    }

    // HTML injection: request values shown on the page are encoded.
    [Fact]
    public async Task Authorize_MarkupInAcrValues_IsEncodedOnThePage()
    {
        await using var host = await MitIdTestHost.StartAsync();
        using var browser = host.NewBrowser();

        var page = await browser.GetAsync(OidcRequests.AuthorizeUrl(host, new Dictionary<string, string?> { ["acr_values"] = "<script>alert(1)</script>" }));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.DoesNotContain("<script>", page.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", page.Html, StringComparison.Ordinal);
    }
}
