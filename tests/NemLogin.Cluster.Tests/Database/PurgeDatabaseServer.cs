using NemLogin.Cluster.Tests.Infrastructure;
using Xunit;

namespace NemLogin.Cluster.Tests.Database;

/// <summary>A PostgreSQL server of the purge tests' own (each test makes a fresh database on it): no cluster needed.</summary>
public sealed class PurgeDatabaseServer : IAsyncLifetime
{
    internal PostgresServer Postgres { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Postgres = await PostgresServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }
    }
}
