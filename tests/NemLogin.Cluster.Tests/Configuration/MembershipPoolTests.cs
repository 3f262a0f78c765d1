using NemLogin.ClusterTls;
using NemLogin.Cluster.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace NemLogin.Cluster.Tests.Configuration;

/// <summary>
/// Membership reads and writes go through a pool of their own (<see cref="MembershipConnectionString"/>): when the
/// PostgreSQL primary hangs, grain-state writes waiting for their command timeout must not hold up the writes that
/// declare a lost silo dead (docs/reliability.md, the partition fault).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class MembershipPoolTests(ClusterUnderTest cluster)
{
    [Fact]
    public async Task RunningCluster_MembershipConnections_CarryTheirOwnApplicationNameAndStayFew()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(cluster.Postgres.ConnectionString()) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FILTER (WHERE application_name = @membership), count(*) FILTER (WHERE application_name <> @membership) " +
            "FROM pg_stat_activity WHERE datname = current_database() AND usename = current_user", connection);
        command.Parameters.AddWithValue("membership", MembershipConnectionString.ApplicationName);

        // The silos probe and the gateways refresh their gateway lists from the table all the time, so the pool is open.
        var (membership, others) = (0L, 0L);
        for (var attempt = 0; attempt < 20 && membership == 0; attempt++)
        {
            await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            await reader.ReadAsync(TestContext.Current.CancellationToken);
            (membership, others) = (reader.GetInt64(0), reader.GetInt64(1));
            if (membership == 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
            }
        }

        Assert.True(membership > 0, "no connection of the membership pool is open");
        // Four silos and two gateways, each with a pool of at most four membership connections.
        Assert.True(membership <= 6 * 4, $"{membership} membership connections");
        // Grain state, reminders and this test's own connection are outside it.
        Assert.True(others > 0, "no other connection");
    }

    [Fact]
    public void From_ClusterConnectionString_KeepsServerAndPasswordAndSetsItsOwnPool()
    {
        var cluster = "Host=10.0.0.1:5432,10.0.0.2:5432;Target Session Attributes=primary;Username=nemlogin;Password=secret;Maximum Pool Size=12;Command Timeout=10";

        var membership = new NpgsqlConnectionStringBuilder(MembershipConnectionString.From(cluster));

        Assert.Equal("10.0.0.1:5432,10.0.0.2:5432", membership.Host);
        Assert.Equal("secret", membership.Password);
        Assert.Equal(MembershipConnectionString.ApplicationName, membership.ApplicationName);
        Assert.Equal(4, membership.MaxPoolSize);
        Assert.Equal(5, membership.CommandTimeout);
        Assert.NotEqual(cluster, MembershipConnectionString.From(cluster));
    }
}
