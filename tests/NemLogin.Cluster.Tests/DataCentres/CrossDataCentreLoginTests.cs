using NemLogin.Cluster.Tests.Infrastructure;
using Xunit;

namespace NemLogin.Cluster.Tests.DataCentres;

/// <summary>Gateways of both data centres serve any user: a session made through one is single sign-on through the other.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CrossDataCentreLoginTests(ClusterUnderTest cluster)
{
    [Theory]
    [InlineData("DC1", "DC2")]
    [InlineData("DC2", "DC1")]
    public async Task Login_ThroughOneDataCentre_IsSingleSignOnThroughTheOther(string first, string second)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var browser = new LoginBrowser();

        var (loginUrl, _) = await cluster.Sp.LoginUrlAsync(cluster.Gateway(first).BaseUrl, cancellationToken);
        var login = await browser.LoginAsync(loginUrl, "alice", cancellationToken);
        var (ssoUrl, _) = await cluster.Sp.LoginUrlAsync(cluster.Gateway(second).BaseUrl, cancellationToken);
        var sso = await browser.LoginAsync(ssoUrl, "alice", cancellationToken);

        Assert.True(login.Success && login.AskedForLogin, login.Detail);
        Assert.True(sso.Success, sso.Detail);
        Assert.False(sso.AskedForLogin, "the second data centre asked for a new login: it did not find the session");
    }
}
