using System.Collections.Concurrent;

namespace NemLogin.Cluster.Tests.Workload;

/// <summary>The last success and failure seen per path into the cluster (a data centre's client or gateway).</summary>
internal sealed class ChannelHealth
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset LastSuccess, DateTimeOffset LastFailure)> _channels = new();

    public void Observe(string channel, bool success, DateTimeOffset at) =>
        _channels.AddOrUpdate(
            channel,
            _ => success ? (at, DateTimeOffset.MinValue) : (DateTimeOffset.MinValue, at),
            (_, seen) => success ? (Max(seen.LastSuccess, at), seen.LastFailure) : (seen.LastSuccess, Max(seen.LastFailure, at)));

    /// <summary>True when the channel has succeeded since <paramref name="since"/> and not failed for <paramref name="quiet"/>.</summary>
    public bool IsSteady(string channel, DateTimeOffset since, TimeSpan quiet, DateTimeOffset now) =>
        _channels.TryGetValue(channel, out var seen)
        && seen.LastSuccess > since
        && seen.LastSuccess > seen.LastFailure
        && now - seen.LastFailure >= quiet;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
