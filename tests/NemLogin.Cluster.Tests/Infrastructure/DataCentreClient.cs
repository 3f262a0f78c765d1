using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NemLogin.ClusterTls;
using NemLogin.Grains.Placement;
using Orleans.Configuration;

namespace NemLogin.Cluster.Tests.Infrastructure;

/// <summary>
/// An Orleans client of the test's own that enters the cluster only through the silos of one data centre and stamps its
/// calls with that data centre, as that data centre's gateway does. Reads through it are reads through that data centre.
/// </summary>
internal sealed class DataCentreClient : IAsyncDisposable
{
    private readonly IHost _host;

    private DataCentreClient(string dataCentre, IHost host)
    {
        DataCentre = dataCentre;
        _host = host;
    }

    public string DataCentre { get; }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IClusterClient>();

    /// <param name="certificates">The client's cluster certificate (gateway role), as a gateway presents its own.</param>
    public static async Task<DataCentreClient> ConnectAsync(string dataCentre, string clusterId, string serviceId, IEnumerable<int> gatewayPorts,
        ClusterCertificates certificates)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clusterId;
                options.ServiceId = serviceId;
            });
            client.UseStaticClustering(gatewayPorts.Select(port => new IPEndPoint(IPAddress.Loopback, port)).ToArray());
            client.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(5));
            client.Services.AddSingleton<IOutgoingGrainCallFilter>(new StampDataCentre(dataCentre));
            client.UseConnectionRetryFilter((_, cancellationToken) => RetryAsync(cancellationToken));
            client.UseNemLoginClusterTls(certificates);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new DataCentreClient(dataCentre, host);
    }

    public async ValueTask DisposeAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _host.StopAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            // The cluster is already gone; nothing to say goodbye to.
        }

        _host.Dispose();
    }

    private static async Task<bool> RetryAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(500, cancellationToken);
        return true;
    }

    private sealed class StampDataCentre(string dataCentre) : IOutgoingGrainCallFilter
    {
        public Task Invoke(IOutgoingGrainCallContext context)
        {
            RequestContext.Set(DataCentreContext.RequestContextKey, dataCentre);
            return context.Invoke();
        }
    }
}
