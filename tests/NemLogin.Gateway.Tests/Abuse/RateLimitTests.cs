using System.Net;
using NemLogin.Gateway.Tests.Support;
using Xunit;

namespace NemLogin.Gateway.Tests.Abuse;

/// <summary>docs/security.md, abuse: an address over its budget gets 429 with Retry-After.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Requests_OverBurstFromOneAddress_429WithRetryAfter()
    {
        await using var broker = new BrokerFactory(new Dictionary<string, string?>
        {
            ["RateLimits:LimitLoopback"] = "true",
            ["RateLimits:PerAddressPerSecond"] = "1",
            ["RateLimits:PerAddressBurst"] = "3",
        });
        using var http = new HttpClient();

        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add(await http.GetAsync(broker.BaseUrl + "/saml/sso", TestContext.Current.CancellationToken));
        }

        var limited = statuses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.All(limited, r => Assert.True(r.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1)));
        Assert.Equal(HttpStatusCode.BadRequest, statuses[0].StatusCode);
    }

    [Fact]
    public async Task Requests_FromLoopbackByDefault_NotLimited()
    {
        await using var broker = new BrokerFactory(new Dictionary<string, string?>
        {
            ["RateLimits:PerAddressPerSecond"] = "1",
            ["RateLimits:PerAddressBurst"] = "1",
        });
        using var http = new HttpClient();

        for (var i = 0; i < 5; i++)
        {
            var response = await http.GetAsync(broker.BaseUrl + "/health/live", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
