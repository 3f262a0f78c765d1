using Microsoft.AspNetCore.WebUtilities;
using NemLogin.Demo.MitIdSimulator;
using NemLogin.Gateway.Tests.MitIdSimulator;
using NemLogin.Grains.Assurance;
using Xunit;

namespace NemLogin.Gateway.Tests.Upstream;

/// <summary>The authorization request the broker sends the browser to MitID with.</summary>
public sealed class MitIdChallengeTests
{
    [Fact]
    public async Task CreateChallenge_ForceAuthnAtHigh_AsksForHighWithPromptLoginAndPkceS256()
    {
        await using var host = await MitIdTestHost.StartAsync();

        var challenge = host.Upstream.CreateChallenge("flow-1", LevelOfAssurance.High, forceAuthn: true);

        var url = new Uri(challenge.RedirectUrl);
        Assert.Equal(host.Issuer + "/authorize", url.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(url.Query);
        Assert.Equal("code", query["response_type"].ToString());
        Assert.Equal(MitIdSimulatorOptions.BrokerClientId, query["client_id"].ToString());
        Assert.Equal(host.CallbackUrl, query["redirect_uri"].ToString());
        Assert.Equal("openid profile", query["scope"].ToString());
        Assert.Equal("flow-1", query["state"].ToString());
        Assert.Equal(challenge.Nonce, query["nonce"].ToString());
        Assert.Equal("S256", query["code_challenge_method"].ToString());
        Assert.Equal(OidcRequests.Challenge(challenge.CodeVerifier), query["code_challenge"].ToString());
        Assert.Equal("https://data.gov.dk/concept/core/nsis/loa/High", query["acr_values"].ToString());
        Assert.Equal("login", query["prompt"].ToString());
        Assert.False(query.ContainsKey("code_verifier"));
    }

    [Fact]
    public async Task CreateChallenge_WithoutForceAuthn_HasNoPrompt()
    {
        await using var host = await MitIdTestHost.StartAsync();

        var challenge = host.Upstream.CreateChallenge("flow-2", LevelOfAssurance.Substantial, forceAuthn: false);

        Assert.False(QueryHelpers.ParseQuery(new Uri(challenge.RedirectUrl).Query).ContainsKey("prompt"));
    }

    // OIDC Core 3.1.2.1: a relying party's login_hint is passed on to MitID; without one, none is sent.
    [Fact]
    public async Task CreateChallenge_LoginHint_PassedOnOnlyWhenGiven()
    {
        await using var host = await MitIdTestHost.StartAsync();

        var hinted = host.Upstream.CreateChallenge("flow-h", LevelOfAssurance.Substantial, forceAuthn: false, loginHint: "bent");
        var plain = host.Upstream.CreateChallenge("flow-p", LevelOfAssurance.Substantial, forceAuthn: false);

        Assert.Equal("bent", QueryHelpers.ParseQuery(new Uri(hinted.RedirectUrl).Query)["login_hint"].ToString());
        Assert.False(QueryHelpers.ParseQuery(new Uri(plain.RedirectUrl).Query).ContainsKey("login_hint"));
    }

    // Nonce and verifier are fresh per login, 256 bits, and within RFC 7636 4.1's alphabet and length.
    [Fact]
    public async Task CreateChallenge_TwoLogins_GetDistinctWellFormedSecrets()
    {
        await using var host = await MitIdTestHost.StartAsync();

        var first = host.Upstream.CreateChallenge("flow-a", LevelOfAssurance.Substantial, forceAuthn: false);
        var second = host.Upstream.CreateChallenge("flow-b", LevelOfAssurance.Substantial, forceAuthn: false);

        Assert.NotEqual(first.Nonce, second.Nonce);
        Assert.NotEqual(first.CodeVerifier, second.CodeVerifier);
        Assert.NotEqual(first.Nonce, first.CodeVerifier);
        Assert.All(new[] { first.Nonce, first.CodeVerifier }, value =>
        {
            Assert.Equal(43, value.Length);
            Assert.All(value, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
        });
    }
}
