using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NemLogin.Grains.Signing;
using NemLogin.Grains.Signing.Pkcs11;

namespace NemLogin.Benchmarks;

/// <summary>The PKCS#11 store and its session pool without Orleans: what the pool itself costs over raw sessions.</summary>
internal static class StoreBenchmark
{
    public static async Task<Measurement> RunAsync(int sessions, int callers, TimeSpan duration, byte[] message)
    {
        var options = Options.Create(SoftHsmToken.Options(sessions));
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var factory = new Pkcs11SessionFactory(options);
        using var store = new Pkcs11SigningKeyStore(
            factory, options, TimeProvider.System, new SigningMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()), NullLogger<Pkcs11SigningKeyStore>.Instance);
        await store.SignAsync(KeyPurpose.SamlSigning, null, SigningAlgorithm.RsaPkcs1Sha256, message);
        long total = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            long count = 0;
            while (stopwatch.Elapsed < duration)
            {
                await store.SignAsync(KeyPurpose.SamlSigning, null, SigningAlgorithm.RsaPkcs1Sha256, message);
                count++;
            }

            Interlocked.Add(ref total, count);
        })));
        stopwatch.Stop();
        return new Measurement($"session pool without Orleans ({callers} callers)", sessions, total, stopwatch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
    }
}
