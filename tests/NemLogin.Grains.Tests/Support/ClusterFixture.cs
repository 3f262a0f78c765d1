using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NemLogin.Grains.Hosting;
using Orleans.TestingHost;

namespace NemLogin.Grains.Tests.Support;

/// <summary>
/// Two in-process silos with the broker's grains, memory storage and default options. One <see cref="FakeTimeProvider"/>
/// drives every grain's clock (Orleans' own background areas stay on real time); keys go to a fresh temp folder.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public string KeyDirectory { get; } = Path.Combine(Path.GetTempPath(), "nemlogin-grains-tests-" + Guid.NewGuid().ToString("N"));

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public IGrainFactory Grains => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder();
        builder.ConfigureHost(host =>
        {
            host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Signing:SoftwareKeyDirectory"] = KeyDirectory,
            });
            host.Services.AddSingleton<TimeProvider>(Time);
            host.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
        });
        builder.ConfigureSilo((_, silo) => silo.AddNemLoginInMemoryStorage().AddNemLoginGrains());

        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (Directory.Exists(KeyDirectory))
        {
            Directory.Delete(KeyDirectory, recursive: true);
        }
    }
}
