namespace NemLogin.Grains.Hosting;

/// <summary>
/// The purge of expired grain state (section <c>Purge</c>): the cluster silo's purge of PostgreSQL rows and the embedded
/// host's purge of its in-process store read the same settings. One-time IDs are written once per SAML message and OIDC
/// request; without a purge their rows would grow with every login for ever.
/// </summary>
public sealed class ExpiredStatePurgeOptions
{
    public const string SectionName = "Purge";

    /// <summary>How often a silo looks for expired state (in a cluster one silo at a time does the work: a PostgreSQL advisory lock).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Rows read and deleted per statement: each statement's locks and time stay small however much has expired.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>
    /// How long past its expiry a row is kept. Longer than a one-time ID grain's activation outlives its last call (two
    /// minutes), so no activation still holds the version of a row that goes; a call after expiry writes a new version,
    /// which the purge then leaves alone.
    /// </summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The embedded host only: how long its audit records stay in the process's memory after their minute bucket was last
    /// written (then the purge drops them like expired state). The embedded host keeps everything in memory, so without a
    /// bound every login's record stayed for ever. One day by default: the longest range one audit query reads. The
    /// cluster keeps audit rows in PostgreSQL and does not read this setting.
    /// </summary>
    public TimeSpan AuditRetention { get; set; } = TimeSpan.FromDays(1);
}
