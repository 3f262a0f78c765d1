using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.Sessions;
using NemLogin.Grains.Tests.Support;
using Orleans.Configuration;

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
    private readonly ProcessStoreSilo _silo = new();

    private IGrainFactory Grains => _silo.Grains;

    public async ValueTask InitializeAsync()
    {
        await _silo.StartAsync(
            new Dictionary<string, string?> { ["Sessions:ActivationIdleLimit"] = "00:00:05" },
            configure: silo => silo.Configure<GrainCollectionOptions>(options => options.CollectionQuantum = TimeSpan.FromSeconds(1)));
    }

    public ValueTask DisposeAsync() => _silo.DisposeAsync();

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
        var collection = _silo.Services.GetRequiredService<IOptions<GrainCollectionOptions>>().Value;

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
