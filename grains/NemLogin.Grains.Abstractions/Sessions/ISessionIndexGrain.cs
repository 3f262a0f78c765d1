namespace NemLogin.Grains.Sessions;

/// <summary>
/// Finds the session a service provider's SessionIndex belongs to, keyed by <see cref="SessionIndexKey"/>. A LogoutRequest sent
/// with HTTP-POST arrives cross-site, without the broker's SameSite=Lax session cookie, so the SessionIndex is what locates the
/// session. The entry is a hint: the session grain's participants decide.
/// </summary>
[Alias("nl.session-index")]
public interface ISessionIndexGrain : IGrainWithStringKey
{
    /// <summary>Remembers the session until <paramref name="keepUntil"/> (the session's absolute expiry).</summary>
    [Alias("record")]
    Task RecordAsync(string sessionId, DateTimeOffset keepUntil);

    /// <summary>
    /// Points the SessionIndex at <paramref name="toSessionId"/> when it names <paramref name="fromSessionId"/> (compare and
    /// set: a session that re-authenticated takes its participants along). False, and nothing changes, otherwise.
    /// </summary>
    [Alias("move")]
    Task<bool> MoveAsync(string fromSessionId, string toSessionId, DateTimeOffset keepUntil);

    /// <summary>The session id recorded for this SessionIndex, or null when none is (still) recorded.</summary>
    [Alias("find-session")]
    Task<string?> FindSessionAsync();
}
