using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NemLogin.Silo.Hosting;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService;
using Xunit;

namespace NemLogin.Cluster.Tests.Database;

/// <summary>
/// The silo's membership table during a PostgreSQL failover (<see cref="RetryingMembershipTable"/>): a pooled
/// connection that answers read-only (it reached a standby, or a primary being demoted, and keeps that for its session)
/// must not fail the vote that declares a silo dead; the table drops the pooled connections and repeats the write on a
/// fresh one. Real PostgreSQL and Orleans' own ADO.NET membership table; the read-only session is made with the
/// database's <c>default_transaction_read_only</c>, which a session takes when it starts.
/// </summary>
public sealed class MembershipTableRetryTests(PurgeDatabaseServer server) : IClassFixture<PurgeDatabaseServer>
{
    // Rule (fault class "failover"): a read-only answer drops the pooled connections and the write is done on a new one.
    [Fact]
    public async Task UpdateRow_PooledConnectionReadOnly_DroppedAndWrittenOnAFreshConnection()
    {
        var (table, read) = await ReadOnlySessionPooledAsync();
        var retrying = new RetryingMembershipTable(table, TimeProvider.System, NullLogger<RetryingMembershipTable>.Instance);
        var (entry, etag) = read.Members.Single();
        entry.Status = SiloStatus.Dead;

        Assert.True(await retrying.UpdateRowAsync(entry, etag, read.Version.Next(), TestContext.Current.CancellationToken));

        var after = await table.ReadAllAsync(TestContext.Current.CancellationToken);
        Assert.Equal(SiloStatus.Dead, after.Members.Single().Item1.Status);
    }

    // The premise: Orleans' table alone fails the same write on the read-only pooled session.
    [Fact]
    public async Task UpdateRow_PooledConnectionReadOnly_FailsWithoutTheRetry()
    {
        var (table, read) = await ReadOnlySessionPooledAsync();
        var (entry, etag) = read.Members.Single();
        entry.Status = SiloStatus.Dead;

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => table.UpdateRowAsync(entry, etag, read.Version.Next(), TestContext.Current.CancellationToken));

        Assert.True(RetryingMembershipTable.IsTransient(failure, out var readOnly) && readOnly, failure.ToString());
    }

    // Rule: an error that another connection would not cure (here a table version that moved on: contention) is
    // Orleans' to handle, passed on at once; only connection-level failures are repeated.
    [Fact]
    public void IsTransient_OnlyConnectionFailuresAndReadOnlyAnswers()
    {
        Assert.True(RetryingMembershipTable.IsTransient(new NpgsqlException("lost", new TimeoutException()), out _));
        Assert.True(RetryingMembershipTable.IsTransient(new NpgsqlException("No suitable host was found."), out _));
        Assert.True(RetryingMembershipTable.IsTransient(new AggregateException(new TimeoutException()), out _));
        Assert.True(RetryingMembershipTable.IsTransient(new PostgresException("shutting down", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown), out _));
        Assert.False(RetryingMembershipTable.IsTransient(new PostgresException("duplicate", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation), out _));
        Assert.False(RetryingMembershipTable.IsTransient(new InvalidOperationException("bug"), out _));
        Assert.False(RetryingMembershipTable.IsTransient(new KeyNotFoundException(), out var readOnly));
        Assert.False(readOnly);
    }

    /// <summary>
    /// A database with one member row, whose only pooled connection opened while the database was read-only for new
    /// sessions; the database is writable again for any new session.
    /// </summary>
    private async Task<(AdoNetClusteringTable Table, MembershipTableData Read)> ReadOnlySessionPooledAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var database = await SchemaDatabase.CreateAsync(server.Postgres);
        var pooled = database.ConnectionString.Replace(";Pooling=false", "", StringComparison.Ordinal);
        var name = new NpgsqlConnectionStringBuilder(pooled).Database!;
        var table = new AdoNetClusteringTable(new ServiceCollection().BuildServiceProvider(),
            Options.Create(new ClusterOptions { ClusterId = "retry-test", ServiceId = "retry-test" }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = ClusterStorageExtensions.PostgresInvariant, ConnectionString = pooled }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true, cancellationToken);
        var version = (await table.ReadAllAsync(cancellationToken)).Version;
        Assert.True(await table.InsertRowAsync(Member(), version.Next(), cancellationToken));

        await SetReadOnlyAsync(name, true);
        NpgsqlConnection.ClearAllPools();
        // Reads work on the read-only session, which goes back to the pool afterwards.
        var read = await table.ReadAllAsync(cancellationToken);
        await SetReadOnlyAsync(name, false);
        return (table, read);
    }

    private async Task SetReadOnlyAsync(string database, bool readOnly)
    {
        await using var admin = new NpgsqlConnection(server.Postgres.ConnectionString("postgres") + ";Pooling=false");
        await admin.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            readOnly ? $"ALTER DATABASE {database} SET default_transaction_read_only = on" : $"ALTER DATABASE {database} RESET default_transaction_read_only", admin);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static MembershipEntry Member()
    {
        var now = DateTime.UtcNow;
        return new MembershipEntry
        {
            SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1),
            Status = SiloStatus.Active,
            HostName = "retry-test",
            SiloName = "retry-test-silo",
            RoleName = "silo",
            ProxyPort = 30000,
            StartTime = now,
            IAmAliveTime = now,
            SuspectTimes = [],
        };
    }
}
