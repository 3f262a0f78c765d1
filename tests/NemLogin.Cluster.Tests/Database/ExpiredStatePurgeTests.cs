using System.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NemLogin.Cluster.Tests.Infrastructure;
using NemLogin.Grains.Hosting;
using NemLogin.Grains.Replay;
using NemLogin.Silo.Purge;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Xunit;

namespace NemLogin.Cluster.Tests.Database;

/// <summary>
/// The purge of expired one-time IDs against the real schema: rows past their replay window (and the grace) go, in
/// batches; rows still inside it stay, as do other states' rows and rows another silo is purging at the same time.
/// </summary>
public sealed class ExpiredStatePurgeTests(PurgeDatabaseServer server) : IClassFixture<PurgeDatabaseServer>
{
    private const string ServiceId = "nemlogin-purge-test";
    private static readonly IGrainStorageSerializer Serializer = new OrleansGrainStorageSerializer(
        new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(OneTimeIdState).Assembly)).BuildServiceProvider().GetRequiredService<Serializer>());

    [Fact]
    public async Task Purge_ExpiredOneTimeIds_DeletedInBatchesAndLiveOnesKept()
    {
        var db = await SchemaDatabase.CreateAsync(server.Postgres);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 5; i++)
        {
            await WriteAsync(db, OneTimeIdGrain.StateName, "expired-" + i, now.AddMinutes(-1));
        }

        await WriteAsync(db, OneTimeIdGrain.StateName, "live", now.AddHours(2));
        await WriteAsync(db, "registration", "other-state", now.AddMinutes(-1));
        // An hour on: every row was last written long before the grace cut-off; the live ID's window is still open.
        var purge = Purge(db, new FakeTimeProvider(now.AddHours(1)), batchSize: 2);

        var deleted = await purge.PurgeAsync(CancellationToken.None);

        Assert.Equal(5, deleted);
        Assert.Equal(["live", "other-state"], await RemainingAsync(db));
    }

    [Fact]
    public async Task Purge_WithinGrace_KeepsRecentlyExpiredIds()
    {
        var db = await SchemaDatabase.CreateAsync(server.Postgres);
        var now = DateTimeOffset.UtcNow;
        await WriteAsync(db, OneTimeIdGrain.StateName, "just-expired", now.AddMinutes(-1));

        var deleted = await Purge(db, new FakeTimeProvider(now.AddMinutes(5)), batchSize: 10).PurgeAsync(CancellationToken.None);

        Assert.Equal(0, deleted);
        Assert.Equal(["just-expired"], await RemainingAsync(db));
    }

    [Fact]
    public async Task Purge_WhileAnotherSiloPurges_DoesNothing()
    {
        var db = await SchemaDatabase.CreateAsync(server.Postgres);
        var now = DateTimeOffset.UtcNow;
        await WriteAsync(db, OneTimeIdGrain.StateName, "expired", now.AddMinutes(-1));
        await using var other = new NpgsqlConnection(db.ConnectionString);
        await other.OpenAsync(TestContext.Current.CancellationToken);
        await using (var hold = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", other))
        {
            hold.Parameters.AddWithValue("key", ExpiredStatePurge.LockKey);
            await hold.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var deleted = await Purge(db, new FakeTimeProvider(now.AddHours(1)), batchSize: 10).PurgeAsync(CancellationToken.None);

        Assert.Null(deleted);
        Assert.Equal(["expired"], await RemainingAsync(db));
    }

    private static ExpiredStatePurge Purge(SchemaDatabase db, TimeProvider time, int batchSize) => new(
        NpgsqlDataSource.Create(db.ConnectionString),
        Serializer,
        Options.Create(new ClusterOptions { ServiceId = ServiceId, ClusterId = "purge" }),
        Options.Create(new ExpiredStatePurgeOptions { BatchSize = batchSize }),
        time,
        NullLogger<ExpiredStatePurge>.Instance);

    private static async Task WriteAsync(SchemaDatabase db, string stateName, string key, DateTimeOffset keepUntil)
    {
        var written = await db.RunStoredAsync("WriteToStorageKey",
            ("GrainIdHash", DbType.Int32, 42),
            ("GrainIdN0", DbType.Int64, 0L),
            ("GrainIdN1", DbType.Int64, 0L),
            ("GrainTypeHash", DbType.Int32, 7),
            ("GrainTypeString", DbType.String, stateName),
            ("GrainIdExtensionString", DbType.String, key),
            ("ServiceId", DbType.String, ServiceId),
            ("GrainStateVersion", DbType.Int32, null),
            ("PayloadBinary", DbType.Binary, Serializer.Serialize(new OneTimeIdState { KeepUntil = keepUntil }).ToArray()));
        Assert.Equal(1, written);
    }

    private static async Task<string[]> RemainingAsync(SchemaDatabase db)
    {
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT grain_id_extension FROM nemlogin_grain_state ORDER BY grain_id_extension", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return [.. keys];
    }
}
