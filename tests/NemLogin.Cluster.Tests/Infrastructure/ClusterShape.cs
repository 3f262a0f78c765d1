namespace NemLogin.Cluster.Tests.Infrastructure;

/// <summary>Which processes a <see cref="ClusterUnderTest"/> starts.</summary>
/// <param name="Silos">Each silo's data centre and letter.</param>
/// <param name="Gateways">One gateway per data centre, or none (tests that enter through their own clients only).</param>
/// <param name="FailoverDatabase">PostgreSQL as a pg_auto_failover formation (primary in DC1, synchronous standby in DC2) instead of one server.</param>
internal sealed record ClusterShape(IReadOnlyList<(string DataCentre, string Letter)> Silos, bool Gateways, bool FailoverDatabase)
{
    /// <summary>The shared cluster: two silos and a gateway per data centre, one PostgreSQL.</summary>
    public static ClusterShape Full { get; } = new([("DC1", "a"), ("DC1", "b"), ("DC2", "a"), ("DC2", "b")], Gateways: true, FailoverDatabase: false);

    /// <summary>The PostgreSQL failover test's: one silo per data centre, no gateways, the database as a formation.</summary>
    public static ClusterShape DatabaseFailover { get; } = new([("DC1", "a"), ("DC2", "a")], Gateways: false, FailoverDatabase: true);
}
