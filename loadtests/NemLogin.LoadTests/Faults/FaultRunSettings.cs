namespace NemLogin.LoadTests.Faults;

/// <summary>
/// What <c>faults</c> injects and how: the faults in order, the command that injects and heals them (the cluster's own
/// process handling, e.g. <c>scripts/cluster.sh fault</c>, called with <c>inject NAME</c> and <c>heal NAME</c>), and
/// the waits between them.
/// </summary>
public sealed record FaultRunSettings
{
    public IReadOnlyList<string> Names { get; init; } = ["postgres-primary", "redis-master", "data-centre", "partition"];

    public string? Command { get; init; }

    /// <summary>Quiet time after a fault is healed and before the next is injected.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long to wait for logins to succeed steadily after an injection (and again after healing) before going on anyway.</summary>
    public TimeSpan RecoveryTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>How long logins must succeed without a failure to count as recovered.</summary>
    public TimeSpan Steady { get; init; } = TimeSpan.FromSeconds(5);
}
