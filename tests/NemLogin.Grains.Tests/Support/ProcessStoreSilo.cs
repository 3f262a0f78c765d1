using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NemLogin.Grains.Hosting;
using Orleans.TestingHost;

namespace NemLogin.Grains.Tests.Support;

/// <summary>
/// One silo as the embedded host runs it (the process's own store with its purge, the broker's grains), for tests that
/// need a setting of their own or the store's internals, which the shared two-silo cluster does not offer. Its signing key
/// lives in a temporary folder that goes with it.
/// </summary>
internal sealed class ProcessStoreSilo : IAsyncDisposable
{
    private readonly string _keyDirectory = Path.Combine(Path.GetTempPath(), "nemlogin-process-silo-" + Guid.NewGuid().ToString("N"));
    private IHost? _host;

    public IServiceProvider Services => _host!.Services;

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    /// <summary>Starts the silo with <paramref name="settings"/> on top of the defaults, and <paramref name="time"/> when given.</summary>
    public async Task StartAsync(IDictionary<string, string?> settings, TimeProvider? time = null, Action<ISiloBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings) { ["Signing:SoftwareKeyDirectory"] = _keyDirectory });
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        using var ports = new TestClusterPortAllocator();
        var (siloPort, gatewayPort) = ports.AllocateConsecutivePortPairs(1);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort).AddNemLoginProcessStorage().AddNemLoginGrains();
            configure?.Invoke(silo);
        });
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        if (Directory.Exists(_keyDirectory))
        {
            Directory.Delete(_keyDirectory, recursive: true);
        }
    }
}
