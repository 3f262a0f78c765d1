namespace NemLogin.ClusterTls;

/// <summary>
/// When a Redis write that must survive a failover counts as done (<c>Redis:Replication</c>, the same keys for silos and
/// gateways). Redis replicates asynchronously: a master that acknowledges a write and dies before its replica has it
/// loses the write on failover. Silos (sessions, login flows) and gateways (data-protection keys, the MitID simulator's
/// entries) therefore send <c>WAIT</c> after such a write and go on only when <see cref="Replicas"/> replicas hold it.
/// </summary>
public sealed class RedisReplicationOptions
{
    public const string SectionName = "Redis:Replication";

    /// <summary>How many replicas must hold a write before it is acknowledged; 0 turns the wait off.</summary>
    public int Replicas { get; set; } = 1;

    /// <summary>
    /// How long a write waits for the replicas; a write they have not confirmed by then fails. Short: the wait holds up
    /// every Redis command of the silo behind it (one connection).
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Whether a master with no replica attached at all (the replica's site lost, or just after a failover until the
    /// old master returns as a replica) still acknowledges writes alone. <c>true</c> keeps logins working through one
    /// site; those writes are lost if the master dies too before a replica attaches (docs/reliability.md).
    /// <c>false</c> refuses them: no acknowledged write is ever held by one server, and logins stop with the replica.
    /// </summary>
    public bool WriteWithoutReplica { get; set; } = true;
}
