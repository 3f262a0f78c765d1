using System.Diagnostics;
using NemLogin.Cluster.Tests.Infrastructure;
using Xunit;

namespace NemLogin.Cluster.Tests.Operations;

/// <summary>One browser request can be followed across processes: the gateway and the silos export spans of the same trace.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TracePropagationTests(ClusterUnderTest cluster)
{
    [Fact]
    public async Task SsoRequest_WithSampledTraceparent_IsTracedInGatewayAndSilo()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var traceId = ActivityTraceId.CreateRandom();
        var (url, _) = await cluster.Sp.LoginUrlAsync(cluster.Gateway("DC1").BaseUrl, cancellationToken);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        using var response = await http.SendAsync(request, cancellationToken);
        var traceBytes = Convert.FromHexString(traceId.ToHexString());
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(cluster.Telemetry.HasBatch("nemlogin-gateway", traceBytes) && cluster.Telemetry.HasBatch("nemlogin-silo", traceBytes))
               && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250, cancellationToken);
        }

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(cluster.Telemetry.HasBatch("nemlogin-gateway", traceBytes), "the gateway exported no span of the trace");
        Assert.True(cluster.Telemetry.HasBatch("nemlogin-silo", traceBytes), "no silo exported a span of the gateway's trace");
    }
}
