using NemLogin.Demo.MitIdSimulator;
using Xunit;

namespace NemLogin.Gateway.Tests.MitIdSimulator;

/// <summary>Abandoned flows cost bounded memory (docs/security.md, Abuse): the stores cap entries and expire them.</summary>
public sealed class BoundedExpiringStoreTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    [Fact]
    public void TryAdd_StoreFullOfLiveEntries_IsRefused()
    {
        var store = new BoundedExpiringStore<string>(2, new ManualTimeProvider());
        Assert.True(store.TryAdd("a", "1", Lifetime));
        Assert.True(store.TryAdd("b", "2", Lifetime));

        Assert.False(store.TryAdd("c", "3", Lifetime));
        Assert.Equal(2, store.Count);
    }

    [Fact]
    public void TryAdd_StoreFullOfExpiredEntries_PurgesAndAccepts()
    {
        var clock = new ManualTimeProvider();
        var store = new BoundedExpiringStore<string>(2, clock);
        store.TryAdd("a", "1", Lifetime);
        store.TryAdd("b", "2", Lifetime);

        clock.Advance(Lifetime);
        Assert.True(store.TryAdd("c", "3", Lifetime));
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void TryTake_SameKeyTwice_SecondFails()
    {
        var store = new BoundedExpiringStore<string>(10, new ManualTimeProvider());
        store.TryAdd("code", "value", Lifetime);

        Assert.True(store.TryTake("code", out var value));
        Assert.Equal("value", value);
        Assert.False(store.TryTake("code", out _));
    }

    [Fact]
    public void TryGetAndTryTake_ExpiredEntry_AreRefused()
    {
        var clock = new ManualTimeProvider();
        var store = new BoundedExpiringStore<string>(10, clock);
        store.TryAdd("a", "1", Lifetime);
        store.TryAdd("b", "2", Lifetime);

        clock.Advance(Lifetime);

        Assert.False(store.TryGet("a", out _));
        Assert.False(store.TryTake("b", out _));
    }

    [Fact]
    public void TryAdd_ExistingKey_IsRefusedAndKeepsTheFirstValue()
    {
        var store = new BoundedExpiringStore<string>(10, new ManualTimeProvider());
        store.TryAdd("a", "first", Lifetime);

        Assert.False(store.TryAdd("a", "second", Lifetime));
        Assert.True(store.TryGet("a", out var value));
        Assert.Equal("first", value);
    }

    [Fact]
    public async Task Authorize_PendingStoreFull_ShedsLoadWith503()
    {
        await using var host = await MitIdTestHost.StartAsync(settings: new Dictionary<string, string?> { ["MitIdSimulator:MaxPendingAuthorizations"] = "1" });
        using var browser = host.NewBrowser();

        var first = await browser.GetAsync(OidcRequests.AuthorizeUrl(host));
        var second = await browser.GetAsync(OidcRequests.AuthorizeUrl(host));

        Assert.Equal(System.Net.HttpStatusCode.OK, first.Status);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, second.Status);
    }
}
