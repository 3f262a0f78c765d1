using System.Reflection;
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
    [InlineData(StorageNames.Mandates)]
    public void Store_WhoseLossBreaksAPromise_IsDurable(string store)
    {
        Assert.Contains(store, StoreDurability.Durable);
        Assert.DoesNotContain(store, StoreDurability.Ephemeral);
    }

    // The PostgreSQL row of a grain's state is keyed by the state's name and the grain key, not by grain type or store
    // (Orleans' ADO.NET provider passes neither): two grain types with one state name and one key would share a row, each
    // overwriting the other (as the SP and OIDC client directories, both key 0, once did).
    [Fact]
    public void DurableState_EveryName_BelongsToOneGrainType()
    {
        var states = typeof(StoreDurability).Assembly.GetTypes()
            .Where(type => typeof(Grain).IsAssignableFrom(type))
            .SelectMany(type => type.GetConstructors().SelectMany(c => c.GetParameters())
                .Select(p => p.GetCustomAttribute<PersistentStateAttribute>())
                .OfType<PersistentStateAttribute>()
                .Where(state => StoreDurability.Durable.Contains(state.StorageName))
                .Select(state => (state.StateName, Grain: type.Name)))
            .ToArray();

        Assert.NotEmpty(states);
        Assert.All(states.GroupBy(s => s.StateName), group => Assert.True(
            group.Select(s => s.Grain).Distinct().Count() == 1, $"state '{group.Key}' is used by {string.Join(", ", group.Select(s => s.Grain))}"));
    }
}
