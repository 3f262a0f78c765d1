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
    [Fact]
    public async Task Registration_ThroughDc1Gateway_LogsInAtOnceThroughDc2()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var id = Guid.NewGuid().ToString("N");
        var sp = new ClusterTestSp($"https://api-registered-{id}.nemlogin.test", $"https://api-registered-{id}.nemlogin.test/acs");
        using var http = new HttpClient();
        using var register = new HttpRequestMessage(HttpMethod.Post, cluster.Gateway("DC1").BaseUrl + "/api/admin/service-providers")
        {
            Content = new StringContent(sp.Metadata(), new MediaTypeHeaderValue("application/samlmetadata+xml")),
        };
        register.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ClusterUnderTest.AdminApiKey);

        using var registered = await http.SendAsync(register, cancellationToken);
        using var browser = new LoginBrowser();
        var (loginUrl, _) = await sp.LoginUrlAsync(cluster.Gateway("DC2").BaseUrl, cancellationToken);
        var login = await browser.LoginAsync(loginUrl, "alice", cancellationToken);

        Assert.True(registered.IsSuccessStatusCode, $"{(int)registered.StatusCode}: {await registered.Content.ReadAsStringAsync(cancellationToken)}");
        Assert.True(login.Success, login.Detail);
    }

    [Fact]
    public async Task Registration_WithoutApiKey_Refused()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var http = new HttpClient();

        using var refused = await http.PostAsync(
            cluster.Gateway("DC2").BaseUrl + "/api/admin/service-providers",
            new StringContent(new ClusterTestSp("https://no-key.nemlogin.test").Metadata(), new MediaTypeHeaderValue("application/samlmetadata+xml")),
            cancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
