using System.Data;
using NemLogin.Cluster.Tests.Infrastructure;
using Xunit;

namespace NemLogin.Cluster.Tests.Database;

/// <summary>
/// The reminder table's ETag protocol (mandate expiry, see schema.sql): an upsert bumps and answers the version, a delete
/// naming a version that moved on removes nothing, and the silos' hash-range reads find the rows of their range.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ReminderQueryTests(ClusterUnderTest cluster)
{
    private const string Service = "reminder-test";
    private const string Grain = "nl.mandate/0123456789abcdef0123456789abcdef";

    // Rule: the first upsert answers version 0, each later one the next version, on one row.
    [Fact]
    public async Task Upsert_Twice_OneRowNextVersion()
    {
        var db = await SchemaDatabase.CreateAsync(cluster);

        var first = await db.RunStoredAsync("UpsertReminderRowKey", Row(hash: 7));
        var second = await db.RunStoredAsync("UpsertReminderRowKey", Row(hash: 7));

        Assert.Equal(0, first);
        Assert.Equal(1, second);
        Assert.Equal(1L, await db.ScalarAsync("SELECT count(*) FROM nemlogin_reminder"));
        Assert.Equal(60_000L, await db.ScalarAsync("SELECT period_ms FROM nemlogin_reminder"));
    }

    // Rule: a delete naming a stale version removes nothing (answers 0); naming the current one removes the row (1).
    [Fact]
    public async Task Delete_StaleVersion_RemovesNothing()
    {
        var db = await SchemaDatabase.CreateAsync(cluster);
        await db.RunStoredAsync("UpsertReminderRowKey", Row(hash: 7));
        await db.RunStoredAsync("UpsertReminderRowKey", Row(hash: 7));

        var stale = await db.RunStoredAsync("DeleteReminderRowKey", Key(("Version", DbType.Int32, 0)));
        var current = await db.RunStoredAsync("DeleteReminderRowKey", Key(("Version", DbType.Int32, 1)));

        Assert.Equal(0, stale);
        Assert.Equal(1, current);
        Assert.Equal(0L, await db.ScalarAsync("SELECT count(*) FROM nemlogin_reminder"));
    }

    // Rule: the first range statement reads (begin, end]; the second a range that wraps around the ring.
    [Fact]
    public async Task ReadRange_BothForms_FindTheRow()
    {
        var db = await SchemaDatabase.CreateAsync(cluster);
        await db.RunStoredAsync("UpsertReminderRowKey", Row(hash: -5));

        var inside = await db.RunStoredAsync("ReadRangeRows1Key", Range(-10, 0));
        var outside = await db.RunStoredAsync("ReadRangeRows1Key", Range(0, 10));
        var wrapped = await db.RunStoredAsync("ReadRangeRows2Key", Range(100, -5));

        Assert.Equal(Grain, inside);
        Assert.Null(outside);
        Assert.Equal(Grain, wrapped);
    }

    private static (string, DbType, object?)[] Key(params (string, DbType, object?)[] more) =>
    [
        ("ServiceId", DbType.String, Service),
        ("GrainId", DbType.AnsiString, Grain),
        ("ReminderName", DbType.String, "expire"),
        .. more,
    ];

    private static (string, DbType, object?)[] Row(int hash) =>
        Key(("StartTime", DbType.DateTime, DateTime.UtcNow), ("Period", DbType.Int32, 60_000), ("GrainHash", DbType.Int32, hash));

    private static (string, DbType, object?)[] Range(int begin, int end) =>
        [("ServiceId", DbType.String, Service), ("BeginHash", DbType.Int32, begin), ("EndHash", DbType.Int32, end)];
}
