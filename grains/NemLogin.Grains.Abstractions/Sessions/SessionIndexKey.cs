namespace NemLogin.Grains.Sessions;

/// <summary>Builds <see cref="ISessionIndexGrain"/> keys, scoped by service provider so one SP cannot name another's sessions.</summary>
public static class SessionIndexKey
{
    /// <summary>Length of a SessionIndex the broker issues: an underscore and 128 random bits in lower-case hex.</summary>
    public const int Length = 33;

    public static string For(string serviceProviderId, string sessionIndex) => $"{serviceProviderId}|{sessionIndex}";

    /// <summary>
    /// True when <paramref name="sessionIndex"/> has the shape of one the broker issued. A received SessionIndex of any other
    /// shape names nothing and is never used in a key (it could also carry the separator and reach another SP's entry).
    /// </summary>
    public static bool IsWellFormed(string? sessionIndex) =>
        sessionIndex is { Length: Length }
        && sessionIndex[0] == '_'
        && sessionIndex.AsSpan(1).IndexOfAnyExcept("0123456789abcdef") < 0;
}
