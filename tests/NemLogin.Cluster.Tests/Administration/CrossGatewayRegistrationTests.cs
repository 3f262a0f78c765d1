using System.Net;
using System.Net.Http.Headers;
using NemLogin.Cluster.Tests.Infrastructure;
using Xunit;

namespace NemLogin.Cluster.Tests.Administration;

/// <summary>
/// Issue 3: an SP registered through the admin API can log in at once on every gateway — here the one of the other
/// data centre, with no restart and no cache to wait for.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CrossGatewayRegistrationTests(ClusterUnderTest cluster)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(15) };

    [Fact]
    public async Task Registration_ThroughDc1Gateway_LogsInAtOnceThroughDc2()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (sp, _) = NewSp();

        var (registered, problem) = await RegisterAsync(cluster.Gateway("DC1").BaseUrl, sp, cancellationToken);
        using var browser = new LoginBrowser();
        var (loginUrl, _) = await sp.LoginUrlAsync(cluster.Gateway("DC2").BaseUrl, cancellationToken);
        var login = await browser.LoginAsync(loginUrl, "alice", cancellationToken);

        Assert.True(registered, problem);
        Assert.True(login.Success, login.Detail);
    }

    // Issue 10: the SP directory and the OIDC client directory (both key 0, both in PostgreSQL) must not share a row: the
    // ADO.NET row key names the state, not the grain type or the store, so one "directory" overwrote the other's list, and
    // the other's next write failed with a version conflict.
    [Fact]
    public async Task Registration_SpThenOidcClientThenSp_EachDirectoryKeepsItsOwn()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var dc1 = cluster.Gateway("DC1").BaseUrl;
        var (firstSp, first) = NewSp();
        var (secondSp, second) = NewSp();
        var rp = new ClusterTestRp(dc1);

        var (firstRegistered, firstProblem) = await RegisterAsync(dc1, firstSp, cancellationToken);
        await rp.RegisterAsync(dc1, cancellationToken);
        var (secondRegistered, secondProblem) = await RegisterAsync(dc1, secondSp, cancellationToken);
        var sps = await ListAsync(cluster.Gateway("DC2").BaseUrl + "/api/admin/service-providers", cancellationToken);
        var clients = await ListAsync(cluster.Gateway("DC2").BaseUrl + "/api/admin/oidc-clients", cancellationToken);

        Assert.True(firstRegistered, firstProblem);
        Assert.True(secondRegistered, secondProblem);
        Assert.Contains(first, sps, StringComparison.Ordinal);
        Assert.Contains(second, sps, StringComparison.Ordinal);
        Assert.DoesNotContain(rp.ClientId, sps, StringComparison.Ordinal);
        Assert.Contains(rp.ClientId, clients, StringComparison.Ordinal);
        Assert.DoesNotContain(first, clients, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registration_WithoutApiKey_Refused()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        using var refused = await Http.PostAsync(
            cluster.Gateway("DC2").BaseUrl + "/api/admin/service-providers",
            new StringContent(new ClusterTestSp("https://no-key.nemlogin.test").Metadata(), new MediaTypeHeaderValue("application/samlmetadata+xml")),
            cancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private static (ClusterTestSp Sp, string EntityId) NewSp()
    {
        var entityId = $"https://api-registered-{Guid.NewGuid():N}.nemlogin.test";
        return (new ClusterTestSp(entityId, entityId + "/acs"), entityId);
    }

    /// <summary>Registers <paramref name="sp"/> through the admin API: whether it was accepted, and the answer if not.</summary>
    private static async Task<(bool Registered, string Problem)> RegisterAsync(string gatewayBaseUrl, ClusterTestSp sp, CancellationToken cancellationToken)
    {
        using var register = new HttpRequestMessage(HttpMethod.Post, gatewayBaseUrl + "/api/admin/service-providers")
        {
            Content = new StringContent(sp.Metadata(), new MediaTypeHeaderValue("application/samlmetadata+xml")),
        };
        register.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ClusterUnderTest.AdminApiKey);
        using var registered = await Http.SendAsync(register, cancellationToken);
        return (registered.IsSuccessStatusCode, $"{(int)registered.StatusCode}: {await registered.Content.ReadAsStringAsync(cancellationToken)}");
    }

    /// <summary>The whole JSON text of an admin list (the test looks for ids in it).</summary>
    private static async Task<string> ListAsync(string url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ClusterUnderTest.AdminApiKey);
        using var response = await Http.SendAsync(request, cancellationToken);
        return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}";
    }
}
