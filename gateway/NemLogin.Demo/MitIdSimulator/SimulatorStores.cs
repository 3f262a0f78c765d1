using Microsoft.Extensions.Options;

namespace NemLogin.Demo.MitIdSimulator;

/// <summary>The simulator's two bounded stores: login pages being filled in, and codes not yet redeemed.</summary>
internal sealed class SimulatorStores(IOptions<MitIdSimulatorOptions> options, TimeProvider time)
{
    public BoundedExpiringStore<PendingAuthorization> Pending { get; } = new(options.Value.MaxPendingAuthorizations, time);

    public BoundedExpiringStore<IssuedCode> Codes { get; } = new(options.Value.MaxCodes, time);
}
