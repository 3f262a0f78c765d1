namespace NemLogin.LoadTests.Faults;

/// <summary>
/// One fault's figures. <see cref="RtoSeconds"/>: from the injection to the end of the last time-series point before
/// healing began in which a login failed or none completed, provided logins then succeeded without a failure for
/// <c>--steady</c> seconds or until healing began (null: they did not within the window); 0 when no login failed.
/// <see cref="LastFailureSeconds"/>: from the injection to the end of the last time-series point with a failed login
/// in the window (null: none failed). Logins are the load runner's iterations in the window (injection to the next
/// injection, healing included); writes are the side writer's, by the time they started.
/// </summary>
public sealed record FaultResult(
    string Name,
    double InjectedAt,
    double? RtoSeconds,
    double? LastFailureSeconds,
    double HealedAfterSeconds,
    long LoginsOk,
    long LoginsFailed,
    IReadOnlyList<WriteCount> Writes)
{
    public long Lost => Writes.Sum(w => w.Lost);
}

/// <summary>Side writes of one kind in one window: attempted, acknowledged, acknowledged and not found (lost), acknowledged and not checkable.</summary>
public sealed record WriteCount(string Kind, int Attempted, int Acknowledged, int Lost, int Unverified);
