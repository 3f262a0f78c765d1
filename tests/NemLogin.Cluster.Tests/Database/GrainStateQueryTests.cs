using System.Data;
using NemLogin.Cluster.Tests.Infrastructure;
using Xunit;

namespace NemLogin.Cluster.Tests.Database;

/// <summary>
/// Optimistic concurrency of grain state (split brain: two activations of one grain after a partition). The stored
/// queries answer a stale or duplicate writer with no new version, which Orleans raises as InconsistentStateException.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainStateQueryTests(ClusterUnderTest cluster)
{
    private static readonly string GrainKey = "saml-authnrequest|https://sp.example|_" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task WriteState_SecondFirstWriterAfterSplit_GetsConflictNotOverwrite()
    {
        var db = await SchemaDatabase.CreateAsync(cluster);

        var first = await WriteAsync(db, expected: null, payload: [1]);
        var second = await WriteAsync(db, expected: null, payload: [2]);
        var (payload, version) = await ReadAsync(db);

        Assert.Equal(1, first);
        Assert.Null(second);
        Assert.Equal([1], payload);
        Assert.Equal(1, version);
    }

    [Fact]
    public async Task WriteState_StaleVersion_GetsConflictAndKeepsNewerState()
    {
        var db = await SchemaDatabase.CreateAsync(cluster);
        await WriteAsync(db, expected: null, payload: [1]);

        var winner = await WriteAsync(db, expected: 1, payload: [2]);
        var stale = await WriteAsync(db, expected: 1, payload: [3]);
        var (payload, version) = await ReadAsync(db);

        Assert.Equal(2, winner);
        Assert.Null(stale);
        Assert.Equal([2], payload);
        Assert.Equal(2, version);
    }

    [Fact]
    public async Task ClearState_StaleWriterAfterClear_CannotBringStateBack()
    {
        var db = await SchemaDatabase.CreateAsync(cluster);
        await WriteAsync(db, expected: null, payload: [1]);

        var cleared = await db.RunStoredAsync("ClearStorageKey", [.. Key(), ("GrainStateVersion", DbType.Int32, 1)]);
        var resurrection = await WriteAsync(db, expected: 1, payload: [1]);
        var blindInsert = await WriteAsync(db, expected: null, payload: [1]);
        var (payload, version) = await ReadAsync(db);

        Assert.Equal(2, cleared);
        Assert.Null(resurrection);
        Assert.Null(blindInsert);
        Assert.Null(payload);
        Assert.Equal(2, version);
    }

    [Fact]
    public async Task ReadState_KeyLongerThanAnIndexEntry_IsStoredAndFound()
    {
        var db = await SchemaDatabase.CreateAsync(cluster);
        var longKey = new string('x', 10_000);

        var written = await db.RunStoredAsync("WriteToStorageKey", [.. Key(longKey), ("GrainStateVersion", DbType.Int32, null), ("PayloadBinary", DbType.Binary, new byte[] { 7 })]);
        var (payload, _) = await ReadAsync(db, longKey);

        Assert.Equal(1, written);
        Assert.Equal([7], payload);
    }

    private static (string, DbType, object?)[] Key(string? key = null) =>
    [
        ("GrainIdHash", DbType.Int32, 42),
        ("GrainIdN0", DbType.Int64, 0L),
        ("GrainIdN1", DbType.Int64, 0L),
        ("GrainTypeHash", DbType.Int32, 7),
        ("GrainTypeString", DbType.String, "nl.one-time-id"),
        ("GrainIdExtensionString", DbType.String, key ?? GrainKey),
        ("ServiceId", DbType.String, "nemlogin-schema-test"),
    ];

    private static async Task<int?> WriteAsync(SchemaDatabase db, int? expected, byte[] payload) =>
        (int?)await db.RunStoredAsync("WriteToStorageKey", [.. Key(), ("GrainStateVersion", DbType.Int32, expected), ("PayloadBinary", DbType.Binary, payload)]);

    private static async Task<(byte[]? Payload, int? Version)> ReadAsync(SchemaDatabase db, string? key = null)
    {
        await using var connection = new Npgsql.NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        var text = (string)(await new Npgsql.NpgsqlCommand("SELECT querytext FROM orleansquery WHERE querykey = 'ReadFromStorageKey'", connection).ExecuteScalarAsync())!;
        await using var command = new Npgsql.NpgsqlCommand(text, connection);
        foreach (var (name, type, value) in Key(key))
        {
            command.Parameters.Add(new Npgsql.NpgsqlParameter { ParameterName = name, DbType = type, Value = value ?? DBNull.Value });
        }

        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "no row");
        return (reader.IsDBNull(reader.GetOrdinal("PayloadBinary")) ? null : (byte[])reader["PayloadBinary"], reader.GetInt32(reader.GetOrdinal("Version")));
    }
}
