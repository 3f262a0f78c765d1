using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using NemLogin.Gateway.Tests.Oidc;
using NemLogin.Gateway.Tests.Support;
using Xunit;

namespace NemLogin.Gateway.Tests.Logout;

/// <summary>
/// One logout for both protocols, started by an OpenID Connect client (RP-Initiated Logout 1.0): the SAML participants of
/// the browser's session get signed LogoutRequests through the same progress page as any single logout, and the browser
/// then returns to the client's registered post-logout redirect with its state.
/// </summary>
public sealed class OidcInitiatedLogoutTests(SloBroker broker) : IClassFixture<SloBroker>
{
    private const string ClientHost = "https://rp-slo.test";

    // Class: cross-protocol logout that leaves SAML sessions alive (an OIDC logout must reach the SAML SPs of the session).
    [Fact]
    public async Task EndSession_SessionWithSamlParticipants_LogoutRequestsToEachThenBackToClientWithState()
    {
        var clientId = await RegisterClientAsync();
        using var browser = new TestBrowser();
        using var channel = new FrontChannel(browser.Cookies);
        var a = await broker.A.LogInAsync(browser, broker);
        var b = await broker.B.LogInAsync(browser, broker);
        var code = await AuthorizeAsync(channel, clientId);
        Assert.False(string.IsNullOrEmpty(code));

        var progress = await EndSessionAnsweredAsync(channel, clientId, state: "bye-42");

        Assert.Equal(HttpStatusCode.OK, progress.Status);
        Assert.Equal(2, progress.FrameSources.Count);
        var atA = broker.A.ReceiveRequest(await channel.GetAsync(broker.BaseUrl + progress.FrameSources[0]), broker);
        Assert.Equal(a.NameId, atA.Request.NameId);
        Assert.Equal([a.SessionIndex], atA.Request.SessionIndexes);
        Assert.Null((await channel.FollowAsync(await broker.A.AnswerRedirectUrlAsync(broker, broker.A.Answer(broker, atA)))).ErrorCode);
        var atB = broker.B.ReceiveRequest(await channel.GetAsync(broker.BaseUrl + progress.FrameSources[1]), broker);
        Assert.Equal(b.NameId, atB.Request.NameId);
        Assert.Null((await channel.PostFormAsync(broker.SloUrl, await broker.B.AnswerPostFormAsync(broker.B.Answer(broker, atB)))).ErrorCode);
        Assert.Equal(0, await SloBroker.PendingAsync(channel, progress));

        var finish = await channel.GetAsync(progress.Url + "/finish");

        Assert.True(finish.IsRedirect, $"{(int)finish.Status}: {finish.Html[..Math.Min(300, finish.Html.Length)]}");
        Assert.Equal(ClientHost + "/logged-out", finish.Location!.GetLeftPart(UriPartial.Path));
        Assert.Equal("bye-42", QueryHelpers.ParseQuery(finish.Location.Query)["state"].ToString());
        Assert.False(await broker.IsLoggedInAsync(browser, broker.A));
    }

    // Class: a logout flow's end that sends the browser somewhere the client did not register (open redirect).
    [Fact]
    public async Task EndSession_ParticipantNeverAnswers_FinishStillReturnsOnlyToTheRegisteredUri()
    {
        var clientId = await RegisterClientAsync();
        using var browser = new TestBrowser();
        using var channel = new FrontChannel(browser.Cookies);
        await broker.C.LogInAsync(browser, broker);
        await AuthorizeAsync(channel, clientId);

        var progress = await EndSessionAnsweredAsync(channel, clientId, state: null);
        Assert.Single(progress.FrameSources);
        var finish = await channel.GetAsync(progress.Url + "/finish");

        Assert.True(finish.IsRedirect);
        Assert.Equal(ClientHost + "/logged-out", finish.Location!.ToString());
        Assert.False(await broker.IsLoggedInAsync(browser, broker.C));
        Assert.Equal(HttpStatusCode.NotFound, (await channel.GetAsync(progress.Url + "/finish")).Status);
    }

    /// <summary>
    /// The client's end-session request without an id_token_hint: the broker asks first (logout CSRF), and the person's
    /// answer (the confirmation form, posted from the broker's page) starts the logout.
    /// </summary>
    private async Task<Hop> EndSessionAnsweredAsync(FrontChannel channel, string clientId, string? state)
    {
        var query = new Dictionary<string, string> { ["client_id"] = clientId, ["post_logout_redirect_uri"] = ClientHost + "/logged-out" };
        if (state is not null)
        {
            query["state"] = state;
        }

        var question = await channel.FollowAsync(QueryHelpers.AddQueryString(broker.BaseUrl + "/connect/endsession", query!));
        Assert.Equal(HttpStatusCode.OK, question.Status);
        Assert.Contains("name=\"nl_confirm\"", question.Html, StringComparison.Ordinal);
        query["nl_confirm"] = "1";
        return await channel.PostAndFollowAsync(broker.BaseUrl + "/connect/endsession", query);
    }

    /// <summary>Single sign-on from the SAML login: the authorize request goes straight to the client with a code.</summary>
    private async Task<string> AuthorizeAsync(FrontChannel channel, string clientId)
    {
        var pkce = OidcBroker.Pkce.New();
        var hop = await channel.FollowAsync(QueryHelpers.AddQueryString(broker.BaseUrl + "/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = clientId,
            ["response_type"] = "code",
            ["scope"] = "openid",
            ["redirect_uri"] = ClientHost + "/callback",
            ["state"] = "s",
            ["nonce"] = "n",
            ["code_challenge"] = pkce.Challenge,
            ["code_challenge_method"] = "S256",
        }));
        Assert.True(hop.IsRedirect && hop.Location!.Authority == new Uri(ClientHost).Authority, $"{(int)hop.Status} at {hop.Url}");
        return QueryHelpers.ParseQuery(hop.Location!.Query)["code"].ToString();
    }

    private async Task<string> RegisterClientAsync()
    {
        var clientId = "rp-slo-" + Guid.NewGuid().ToString("N")[..8];
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, broker.BaseUrl + "/api/admin/oidc-clients")
        {
            Content = JsonContent.Create(new
            {
                client_id = clientId,
                client_secret = OidcBroker.Secret,
                redirect_uris = new[] { ClientHost + "/callback" },
                post_logout_redirect_uris = new[] { ClientHost + "/logged-out" },
                grant_types = new[] { "authorization_code" },
                scope = "openid",
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SloBroker.AdminApiKey);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return clientId;
    }
}
