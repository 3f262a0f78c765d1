using Microsoft.Extensions.Options;
using NemLogin.ClusterTls;

namespace NemLogin.Demo.MitIdSimulator;

/// <summary>The simulator's two stores: login pages being filled in, and codes not yet redeemed.</summary>
internal sealed class SimulatorStores(ISimulatorStore<PendingAuthorization> pending, ISimulatorStore<IssuedCode> codes)
{
    public ISimulatorStore<PendingAuthorization> Pending { get; } = pending;

    public ISimulatorStore<IssuedCode> Codes { get; } = codes;

    /// <summary>
    /// In Redis when the host has the cluster's Redis and its replication check (a cluster gateway), so no step of a
    /// login needs the gateway that served the one before; otherwise bounded and in this process (the embedded broker).
    /// </summary>
    public static SimulatorStores Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<MitIdSimulatorOptions>>().Value;
        if (services.GetService<RedisReplicationGuard>() is { } guard)
        {
            return new(new RedisSimulatorStore<PendingAuthorization>(guard, "pending"), new RedisSimulatorStore<IssuedCode>(guard, "code"));
        }

        var time = services.GetRequiredService<TimeProvider>();
        return new(new BoundedExpiringStore<PendingAuthorization>(options.MaxPendingAuthorizations, time),
            new BoundedExpiringStore<IssuedCode>(options.MaxCodes, time));
    }
}
