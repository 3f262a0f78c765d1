using System.Data;
using Npgsql;
using NemLogin.Cluster.Tests.Infrastructure;
using NemLogin.Silo.Database;

namespace NemLogin.Cluster.Tests.Database;

/// <summary>
/// A fresh database on the cluster's PostgreSQL with the schema applied, and the stored Orleans queries run the way the
/// providers run them: text from OrleansQuery by key, parameters by name with the providers' types.
/// </summary>
internal sealed class SchemaDatabase(string connectionString)
{
    public string ConnectionString { get; } = connectionString;

    public static Task<SchemaDatabase> CreateAsync(ClusterUnderTest cluster) => CreateAsync(cluster.Postgres);

    public static async Task<SchemaDatabase> CreateAsync(PostgresServer server)
    {
        var name = "schema_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(server.ConnectionString("postgres") + ";Pooling=false"))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var database = new SchemaDatabase(server.ConnectionString(name) + ";Pooling=false");
        await DatabaseMigrator.MigrateAsync(database.ConnectionString, CancellationToken.None);
        return database;
    }

    public async Task<object?> RunStoredAsync(string queryKey, params (string Name, DbType Type, object? Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        string text;
        await using (var lookup = new NpgsqlCommand("SELECT querytext FROM orleansquery WHERE querykey = @k", connection))
        {
            lookup.Parameters.AddWithValue("k", queryKey);
            text = (string)(await lookup.ExecuteScalarAsync() ?? throw new InvalidOperationException($"No stored query {queryKey}."));
        }

        await using var command = new NpgsqlCommand(text, connection);
        foreach (var (name, type, value) in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { ParameterName = name, DbType = type, Value = value ?? DBNull.Value });
        }

        var result = await command.ExecuteScalarAsync();
        return result is DBNull ? null : result;
    }

    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var result = await command.ExecuteScalarAsync();
        return result is DBNull ? null : result;
    }
}
