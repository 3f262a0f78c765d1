using System.Web;
using NemLogin.LoadTests.Http;
using NemLogin.LoadTests.Parties;
using NemLogin.LoadTests.Scenarios;
using Xunit;

namespace NemLogin.LoadTests.Tests.Scenarios;

public sealed class OidcCodeFlowTests
{
    private static readonly OidcLoadClient Client = new(
        new OidcProviderMetadata("http://127.0.0.1:5095", new Uri("http://127.0.0.1:5095/auth"), new Uri("http://127.0.0.1:5095/token"), []),
        "load-rp", "secret", "http://127.0.0.1:5095/load-rp/callback");

    [Fact]
    public void AuthorizationUrl_Broker_CodeFlowWithS256AndNoPrompt()
    {
        var query = HttpUtility.ParseQueryString(OidcCodeFlow.AuthorizationUrl(Client, OidcLoginPath.Broker, "st", "no", "ch").Query);

        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal("ch", query["code_challenge"]);
        Assert.Equal(OidcCodeFlow.Scope, query["scope"]);
        Assert.Equal(Client.RedirectUri, query["redirect_uri"]);
        Assert.Null(query["prompt"]);
    }

    [Fact]
    public void AuthorizationUrl_ReferenceProvider_AsksConsentSoOfflineAccessIsGranted()
    {
        var url = OidcCodeFlow.AuthorizationUrl(Client, OidcLoginPath.ReferenceProvider, "st", "no", "ch");

        Assert.Equal("consent", HttpUtility.ParseQueryString(url.Query)["prompt"]);
        Assert.StartsWith("http://127.0.0.1:5095/auth?", url.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AuthorizationUrl_EndpointWithAQuery_KeepsIt()
    {
        var client = Client with { Provider = Client.Provider with { AuthorizationEndpoint = new Uri("http://127.0.0.1:5095/auth?tenant=a") } };

        var query = HttpUtility.ParseQueryString(OidcCodeFlow.AuthorizationUrl(client, OidcLoginPath.Broker, "st", "no", "ch").Query);

        Assert.Equal("a", query["tenant"]);
        Assert.Equal("st", query["state"]);
    }

    [Fact]
    public void ReadCode_RedirectWithStateCodeAndIssuer_IsOk()
    {
        var outcome = OidcCodeFlow.ReadCode(Redirect("?code=c1&state=st&iss=" + Uri.EscapeDataString(Client.Provider.Issuer)), Client, "st", out var code);

        Assert.True(outcome.IsOk, outcome.Reason);
        Assert.Equal("c1", code);
    }

    [Fact]
    public void ReadCode_OtherState_Fails()
    {
        Assert.Equal("oidc.no-code", OidcCodeFlow.ReadCode(Redirect("?code=c1&state=other"), Client, "st", out _).Status);
    }

    [Fact]
    public void ReadCode_ErrorInsteadOfCode_Fails()
    {
        var outcome = OidcCodeFlow.ReadCode(Redirect("?error=access_denied&state=st"), Client, "st", out _);

        Assert.Equal("oidc.no-code", outcome.Status);
        Assert.Contains("access_denied", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCode_OtherIssuer_FailsAsMixUp()
    {
        Assert.Equal("oidc.iss-mismatch", OidcCodeFlow.ReadCode(Redirect("?code=c1&state=st&iss=http%3A%2F%2Fevil.test"), Client, "st", out _).Status);
    }

    [Fact]
    public void ReadCode_RedirectElsewhere_Fails()
    {
        var page = new HttpPage(new Uri("http://127.0.0.1:5095/auth/x"), 303, new Uri("http://127.0.0.1:5095/load-rp/callback-not?code=c1&state=st"), "", 0);

        Assert.False(OidcCodeFlow.ReadCode(page, Client, "st", out _).IsOk);
    }

    private static HttpPage Redirect(string query) =>
        new(new Uri("http://127.0.0.1:5095/auth/x"), 303, new Uri(Client.RedirectUri + query), "", 0);
}
