namespace NemLogin.Cluster.Tests.Faults;

/// <summary>
/// One injected fault: from injection to the end of healing (the node restarted and the stream steady again). Errors
/// inside it are expected; the recovery times say how long each path into the cluster failed.
/// </summary>
internal sealed record FaultWindow(string Fault, DateTimeOffset Injected, DateTimeOffset Healed, IReadOnlyDictionary<string, TimeSpan> Recovery, int Errors)
{
    public bool Contains(DateTimeOffset start, DateTimeOffset end) => start <= Healed && end >= Injected;
}
