using NemLogin.Grains;
using NemLogin.Grains.Hosting;
using Xunit;

namespace NemLogin.Cluster.Tests.Configuration;

/// <summary>Every grain store has a home in cluster mode, and nothing whose loss breaks a promise lives in Redis.</summary>
public sealed class StoreDurabilityTests
{
    [Fact]
    public void StorageNames_EveryStore_IsClassified()
    {
        Assert.Empty(StoreDurability.Unclassified());
    }

    [Theory]
    [InlineData(StorageNames.OneTimeIds)]
    [InlineData(StorageNames.Identities)]
    [InlineData(StorageNames.ServiceProviders)]
    [InlineData(StorageNames.Audit)]
    [InlineData(StorageNames.Organisations)]
    public void Store_WhoseLossBreaksAPromise_IsDurable(string store)
    {
        Assert.Contains(store, StoreDurability.Durable);
        Assert.DoesNotContain(store, StoreDurability.Ephemeral);
    }
}
