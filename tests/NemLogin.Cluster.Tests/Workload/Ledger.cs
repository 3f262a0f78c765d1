using System.Collections.Concurrent;

namespace NemLogin.Cluster.Tests.Workload;

/// <summary>
/// What the stream wrote and what the cluster acknowledged. A write that failed is neither expected present nor absent:
/// only acknowledged writes (and acknowledged deletions) are checked when reading back.
/// </summary>
internal sealed class Ledger
{
    public ConcurrentQueue<Attempt> Attempts { get; } = new();

    /// <summary>Acknowledged registrations by entityID, with what happened to them afterwards.</summary>
    public ConcurrentDictionary<string, ServiceProviderFate> ServiceProviders { get; } = new();

    /// <summary>Acknowledged first uses of one-time IDs.</summary>
    public ConcurrentDictionary<string, bool> OneTimeIds { get; } = new();

    /// <summary>How many calls were ever answered "first use" per one-time ID (must never exceed one).</summary>
    public ConcurrentDictionary<string, int> OneTimeIdSuccesses { get; } = new();

    /// <summary>Acknowledged sessions (session id to identity), and whether their end was acknowledged or is unknown.</summary>
    public ConcurrentDictionary<string, SessionFate> Sessions { get; } = new();

    /// <summary>Acknowledged identities and the family name written.</summary>
    public ConcurrentDictionary<Guid, string> Identities { get; } = new();

    /// <summary>Acknowledged audit records: record id, its time and shard.</summary>
    public ConcurrentDictionary<Guid, (DateTimeOffset Time, int Shard, string CorrelationId)> AuditRecords { get; } = new();

    /// <summary>Browser sessions of acknowledged logins (the nemlogin.sid cookie value).</summary>
    public ConcurrentQueue<string> Logins { get; } = new();

    public void Record(Attempt attempt) => Attempts.Enqueue(attempt);

    public void CountFirstUse(string id) => OneTimeIdSuccesses.AddOrUpdate(id, 1, (_, count) => count + 1);
}

internal sealed record ServiceProviderFate(long Version, Fate Disabled, Fate Deleted);

internal sealed record SessionFate(Guid IdentityId, Fate Ended);

/// <summary>Whether a later change (disable, delete, end) was acknowledged, unknown (the call failed), or not tried.</summary>
internal enum Fate
{
    NotTried,
    Acknowledged,
    Unknown,
}
