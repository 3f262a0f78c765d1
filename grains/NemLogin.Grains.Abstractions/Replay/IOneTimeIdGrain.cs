namespace NemLogin.Grains.Replay;

/// <summary>
/// A one-time identifier (a SAML request ID, an assertion ID, a code). Keyed by <see cref="OneTimeIdKey"/>.
/// Record it only after the message carrying it passed its signature checks.
/// </summary>
[Alias("nl.one-time-id")]
public interface IOneTimeIdGrain : IGrainWithStringKey
{
    /// <summary>
    /// True the first time; false on every later call until <paramref name="keepUntil"/> has passed
    /// (after which the message carrying the id has expired anyway).
    /// </summary>
    [Alias("try-use")]
    Task<bool> TryUseAsync(DateTimeOffset keepUntil);
}
