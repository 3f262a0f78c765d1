using System.Data;
using NemLogin.Cluster.Tests.Infrastructure;
using NemLogin.Silo.Database;
using Xunit;

namespace NemLogin.Cluster.Tests.Database;

/// <summary>
/// The membership table's version protocol: a change naming a table version that moved on changes nothing (two silos
/// racing to declare a third dead must not both win), and the schema command can be run again safely.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class MembershipQueryTests(ClusterUnderTest cluster)
{
    private const string Deployment = "membership-test";

    [Fact]
    public async Task Migrate_RunAgain_ChangesNothingAndKeepsData()
    {
        var db = await SchemaDatabase.CreateAsync(cluster);
        await db.RunStoredAsync("InsertMembershipVersionKey", ("DeploymentId", DbType.String, Deployment));

        var again = await DatabaseMigrator.MigrateAsync(db.ConnectionString, TestContext.Current.CancellationToken);

        Assert.Equal(DatabaseMigrator.SchemaVersion, again);
        Assert.Equal(1L, await db.ScalarAsync("SELECT count(*) FROM nemlogin_cluster_version"));
        Assert.Equal(20L, await db.ScalarAsync("SELECT count(*) FROM orleansquery"));
    }

    [Fact]
    public async Task InsertMembershipVersion_Twice_CreatesOneRow()
    {
        var db = await SchemaDatabase.CreateAsync(cluster);

        var first = await db.RunStoredAsync("InsertMembershipVersionKey", ("DeploymentId", DbType.String, Deployment));
        var second = await db.RunStoredAsync("InsertMembershipVersionKey", ("DeploymentId", DbType.String, Deployment));

        Assert.Equal(1, first);
        Assert.Equal(0, second);
    }

    [Fact]
    public async Task InsertMember_StaleTableVersion_InsertsNothing()
    {
        var db = await SchemaDatabase.CreateAsync(cluster);
        await db.RunStoredAsync("InsertMembershipVersionKey", ("DeploymentId", DbType.String, Deployment));

        var current = await db.RunStoredAsync("InsertMembershipKey", Member(port: 1, version: 0));
        var stale = await db.RunStoredAsync("InsertMembershipKey", Member(port: 2, version: 0));

        Assert.Equal(1, current);
        Assert.Equal(0, stale);
        Assert.Equal(1L, await db.ScalarAsync("SELECT count(*) FROM nemlogin_cluster_member"));
        Assert.Equal(1, await db.ScalarAsync("SELECT version FROM nemlogin_cluster_version"));
    }

    [Fact]
    public async Task UpdateMember_UnknownSilo_LeavesTableVersionUnchanged()
    {
        var db = await SchemaDatabase.CreateAsync(cluster);
        await db.RunStoredAsync("InsertMembershipVersionKey", ("DeploymentId", DbType.String, Deployment));

        var updated = await db.RunStoredAsync("UpdateMembershipKey",
            ("DeploymentId", DbType.String, Deployment), ("Address", DbType.AnsiString, "127.0.0.1"), ("Port", DbType.Int32, 9),
            ("Generation", DbType.Int32, 1), ("Status", DbType.Int32, 6), ("SuspectTimes", DbType.String, null),
            ("IAmAliveTime", DbType.DateTime, DateTime.UtcNow), ("Version", DbType.Int32, 0));

        Assert.Equal(0, updated);
        Assert.Equal(0, await db.ScalarAsync("SELECT version FROM nemlogin_cluster_version"));
    }

    private static (string, DbType, object?)[] Member(int port, int version) =>
    [
        ("DeploymentId", DbType.String, Deployment),
        ("Address", DbType.AnsiString, "127.0.0.1"),
        ("Port", DbType.Int32, port),
        ("Generation", DbType.Int32, 1),
        ("SiloName", DbType.String, "DC1-test"),
        ("HostName", DbType.String, "test"),
        ("Status", DbType.Int32, 3),
        ("ProxyPort", DbType.Int32, 30000),
        ("StartTime", DbType.DateTime, DateTime.UtcNow),
        ("IAmAliveTime", DbType.DateTime, DateTime.UtcNow),
        ("Version", DbType.Int32, version),
    ];
}
