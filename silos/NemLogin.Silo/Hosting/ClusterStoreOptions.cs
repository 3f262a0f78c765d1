using Orleans;

namespace NemLogin.Silo.Hosting;

/// <summary>
/// Where cluster state lives, from <c>ConnectionStrings</c>: <c>Orleans</c> (PostgreSQL: membership and durable grain
/// state) and <c>Redis</c> (sessions and login flows).
/// </summary>
public sealed class ClusterStoreOptions
{
    public const string SectionName = "ConnectionStrings";

    /// <summary>Npgsql connection string of the cluster database.</summary>
    [Redact]
    public string? Orleans { get; set; }

    /// <summary>StackExchange.Redis configuration string.</summary>
    [Redact]
    public string? Redis { get; set; }
}
