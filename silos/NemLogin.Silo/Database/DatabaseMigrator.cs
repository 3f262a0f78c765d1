using Npgsql;

namespace NemLogin.Silo.Database;

/// <summary>
/// Applies the cluster schema (<c>schema.sql</c>) in one transaction under an advisory lock, so concurrent runs queue
/// and a failed run leaves nothing half-applied. Every statement in the script is idempotent.
/// </summary>
internal static class DatabaseMigrator
{
    public const int SchemaVersion = 3;

    // Any fixed number: it names the lock that serialises schema changes across processes.
    private const long MigrationLockId = 0x4E4C_5343_4845_4D41;

    public static async Task<int> MigrateAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@id)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("id", MigrationLockId);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var schema = new NpgsqlCommand(await ReadSchemaAsync(cancellationToken), connection, transaction))
        {
            await schema.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var version = new NpgsqlCommand("SELECT max(version) FROM nemlogin_schema", connection, transaction);
        var applied = Convert.ToInt32(await version.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        await transaction.CommitAsync(cancellationToken);
        return applied;
    }

    private static async Task<string> ReadSchemaAsync(CancellationToken cancellationToken)
    {
        await using var stream = typeof(DatabaseMigrator).Assembly.GetManifestResourceStream("NemLogin.Silo.Database.schema.sql")
            ?? throw new InvalidOperationException("The schema script is not embedded in the silo assembly.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
