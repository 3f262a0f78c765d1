using NemLogin.Grains.Hosting;
using NemLogin.Grains.Replay;
using Orleans.Storage;

namespace NemLogin.Silo.Purge;

/// <summary>
/// A kind of durable grain state that expires: its state name (the row's <c>grain_type</c>: the ADO.NET provider keys
/// rows by state name) and how to read the expiry from a stored payload.
/// </summary>
internal sealed record ExpiringState(string StateName, Func<IGrainStorageSerializer, BinaryData, DateTimeOffset> ExpiresAt)
{
    /// <summary>
    /// Every expiring durable state, each read through <see cref="IExpiringState"/> (the embedded host's in-process store
    /// expires the same states by the same definition). One-time IDs (SAML request and assertion IDs, OIDC request ids) are kept until their
    /// replay window closes; after that a replay is refused by the message's own time limits. Sessions and login flows
    /// expire in Redis by themselves; OIDC token entries are left to their index (a purge must go through it).
    /// </summary>
    public static IReadOnlyList<ExpiringState> All { get; } =
    [
        new(OneTimeIdGrain.StateName, (serializer, payload) => (serializer.Deserialize<OneTimeIdState>(payload) as IExpiringState)?.KeptUntil ?? DateTimeOffset.MaxValue),
    ];
}
