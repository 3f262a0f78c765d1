using Xunit;

namespace NemLogin.Cluster.Tests.Infrastructure;

/// <summary>
/// A cluster of its own for the PostgreSQL failover test (<see cref="ClusterShape.DatabaseFailover"/>): killing the
/// primary database must not disturb the shared <see cref="ClusterUnderTest"/> other tests use meanwhile.
/// </summary>
public sealed class DatabaseFailoverCluster : IAsyncLifetime
{
    internal ClusterUnderTest Cluster { get; } = new(ClusterShape.DatabaseFailover);

    public ValueTask InitializeAsync() => Cluster.InitializeAsync();

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}
