using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using NemLogin.Grains.Hosting;
using Orleans.TestingHost;

namespace NemLogin.Grains.Tests.Hosting;

/// <summary>Builds (without starting, unless a test does) a silo host with the broker's wiring and given configuration.</summary>
internal static class SiloHosts
{
    public static IHost Build(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));

        // Free ports, so that a start which validation should have refused cannot clash with another test's silo.
        using var ports = new TestClusterPortAllocator();
        var (siloPort, gatewayPort) = ports.AllocateConsecutivePortPairs(1);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort, gatewayPort)
            .AddNemLoginInMemoryStorage()
            .AddNemLoginGrains());
        return builder.Build();
    }
}
