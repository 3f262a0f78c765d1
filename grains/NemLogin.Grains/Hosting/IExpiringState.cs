namespace NemLogin.Grains.Hosting;

/// <summary>
/// Grain state that is worth nothing after a known time: the grain itself treats it as absent from then on (a one-time ID
/// whose replay window closed, a login flow or session past its end). Stores use it to let such state go: the cluster's
/// purge of PostgreSQL rows reads it from a stored payload, the embedded host's in-process store from the state written.
/// </summary>
public interface IExpiringState
{
    /// <summary>After this instant the grain no longer uses the state; a store may remove it (after its grace period).</summary>
    DateTimeOffset KeptUntil { get; }
}
