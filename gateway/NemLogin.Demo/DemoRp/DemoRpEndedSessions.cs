using NemLogin.Demo.MitIdSimulator;

namespace NemLogin.Demo.DemoRp;

/// <summary>
/// The broker sessions the demo RP heard end over the back channel (their <c>sid</c>s): a browser whose ID token carries one
/// of them is logged out at its next visit. Bounded and expiring, like every demo store (its users' cookies last no longer).
/// </summary>
internal sealed class DemoRpEndedSessions(TimeProvider time)
{
    private static readonly TimeSpan Remembered = TimeSpan.FromHours(12);
    private readonly BoundedExpiringStore<string> _ended = new(capacity: 100_000, time);

    public void Add(string sid) => _ended.TryAdd(sid, sid, Remembered);

    public bool Contains(string? sid) => sid is not null && _ended.TryGet(sid, out _);
}
