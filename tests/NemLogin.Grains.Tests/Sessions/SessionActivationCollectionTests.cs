using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.Hosting;
using NemLogin.Grains.Sessions;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace NemLogin.Grains.Tests.Sessions;

/// <summary>
/// A session's activation leaves memory after <see cref="SessionOptions.ActivationIdleLimit"/> without calls, and the session
/// itself stays usable (its state is in storage). Orleans' default kept every login's activation a quarter of an hour,
/// the largest part of the embedded broker's growth in a soak. A host of its own with a one-second collection quantum and a
/// five-second limit, so the real collector runs within the test; the wait is for the condition, not a fixed time.
/// </summary>
public sealed class SessionActivationCollectionTests : IAsyncLifetime
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromMinutes(2);
    private readonly string _keyDirectory = Path.Combine(Path.GetTempPath(), "nemlogin-session-collection-" + Guid.NewGuid().ToString("N"));
    private IHost? _host;

    private IGrainFactory Grains => _host!.Services.GetRequiredService<IGrainFactory>();

    public async ValueTask InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Signing:SoftwareKeyDirectory"] = _keyDirectory,
            ["Sessions:ActivationIdleLimit"] = "00:00:05",
        });
        using var ports = new TestClusterPortAllocator();
        var (siloPort, gatewayPort) = ports.AllocateConsecutivePortPairs(1);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort, gatewayPort)
            .Configure<GrainCollectionOptions>(options => options.CollectionQuantum = TimeSpan.FromSeconds(1))
            .AddNemLoginProcessStorage()
            .AddNemLoginGrains());
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

    [Fact]
    public async Task SessionActivation_IdlePastLimit_CollectedAndSessionStillServes()
    {
        var session = Grains.GetGrain<ISessionGrain>("session-" + Guid.NewGuid().ToString("N"));
        var identityId = Guid.NewGuid();
        await session.StartAsync(new SessionAuthentication(identityId, LevelOfAssurance.Substantial, DateTimeOffset.UtcNow, "https://mitid.example"), null);
        Assert.Equal(1, await SessionActivationsAsync());

        await WaitUntilAsync(async () => await SessionActivationsAsync() == 0, "the idle session activation to be collected");

        // The next call (single sign-on at another party, logout) reads the session back from storage.
        var snapshot = await session.GetAsync();
        Assert.NotNull(snapshot);
        Assert.Equal(identityId, snapshot.IdentityId);
    }

    [Fact]
    public void SessionActivation_Setting_ReachesOrleansCollectionAgeOfTheSessionGrain()
    {
        var collection = _host!.Services.GetRequiredService<IOptions<GrainCollectionOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(5), collection.ClassSpecificCollectionAge[typeof(SessionGrain).FullName!]);
        Assert.Equal(TimeSpan.FromMinutes(2), new SessionOptions().ActivationIdleLimit);
    }

    private async Task<int> SessionActivationsAsync()
    {
        var statistics = await Grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.Contains("." + nameof(SessionGrain), StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTimeOffset.UtcNow + WaitLimit;
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Waited {WaitLimit.TotalSeconds} s for {what}.");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}
