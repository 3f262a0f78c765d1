using System.Net;
using System.Net.Http.Headers;
using System.Text;
using NemLogin.Cluster.Tests.Infrastructure;
using Xunit;

namespace NemLogin.Cluster.Tests.Operations;

/// <summary>The Orleans Dashboard is for administrators only (broken access control: anonymous or wrong password is refused).</summary>
[Collection(ClusterCollection.Name)]
public sealed class DashboardAccessTests(ClusterUnderTest cluster)
{
    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("admin:wrong-password", HttpStatusCode.Unauthorized)]
    [InlineData("operator:" + ClusterUnderTest.AdminPassword, HttpStatusCode.Unauthorized)]
    [InlineData("admin:" + ClusterUnderTest.AdminPassword, HttpStatusCode.OK)]
    public async Task Dashboard_Credentials_DecideAccess(string? credentials, HttpStatusCode expected)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, cluster.Silos[0].BaseUrl + "/dashboard/");
        if (credentials is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
    }
}
