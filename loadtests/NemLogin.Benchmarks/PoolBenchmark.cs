using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NemLogin.Grains.Hosting;
using NemLogin.Grains.Signing;

namespace NemLogin.Benchmarks;

/// <summary>
/// The signer grain pool as the gateway uses it: an Orleans silo with Signing:Provider=Pkcs11 and the given session
/// count, many concurrent callers awaiting <see cref="ISignerGrain.SignAsync"/> (each signature also verified in software).
/// </summary>
internal static class PoolBenchmark
{
    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<Measurement> RunAsync(int sessions, int callers, TimeSpan duration, byte[] message)
    {
        var options = SoftHsmToken.Options(sessions);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Signing:Provider"] = "Pkcs11",
            ["Signing:Pkcs11:LibraryPath"] = options.LibraryPath,
            ["Signing:Pkcs11:TokenLabel"] = options.TokenLabel,
            ["Signing:Pkcs11:Pin"] = options.Pin,
            ["Signing:Pkcs11:Sessions"] = sessions.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Signing:Pkcs11:MaxQueueLength"] = "4096",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo.UseLocalhostClustering(siloPort: FreePort(), gatewayPort: 0).AddNemLoginInMemoryStorage().AddNemLoginGrains());
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var signer = host.Services.GetRequiredService<IGrainFactory>().GetGrain<ISignerGrain>(0);
            await signer.SignAsync(KeyPurpose.SamlSigning, SigningAlgorithm.RsaPkcs1Sha256, message);
            long total = 0;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
            {
                long count = 0;
                while (stopwatch.Elapsed < duration)
                {
                    await signer.SignAsync(KeyPurpose.SamlSigning, SigningAlgorithm.RsaPkcs1Sha256, message);
                    count++;
                }

                Interlocked.Add(ref total, count);
            })));
            stopwatch.Stop();
            return new Measurement($"signer grain pool ({callers} concurrent callers)", sessions, total, stopwatch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
