using System.Collections.Immutable;
using Orleans.Concurrency;

namespace NemLogin.Grains.ServiceProviders;

/// <summary>
/// The list of registered SPs (one activation, key <see cref="ServiceProviderDirectory.Key"/>). Each
/// <see cref="IServiceProviderGrain"/> keeps its own entry current; nothing else writes here.
/// </summary>
[Alias("nl.sp.directory")]
public interface IServiceProviderDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or updates an entry; idempotent.</summary>
    [Alias("track")]
    Task TrackAsync(string entityId, bool refreshesMetadata);

    [Alias("forget")]
    Task ForgetAsync(string entityId);

    /// <summary>
    /// Whether <paramref name="entityId"/> is registered (enabled or not): what the gateway asks before it activates any
    /// <see cref="IServiceProviderGrain"/> for a name a received message carries.
    /// </summary>
    [Alias("contains"), ReadOnly]
    Task<bool> ContainsAsync(string entityId);

    /// <summary>Every registered entityID, ordinal order.</summary>
    [Alias("list")]
    Task<ImmutableArray<string>> ListAsync();

    /// <summary>The entityIDs whose metadata is refreshed from a URL.</summary>
    [Alias("list-refreshing")]
    Task<ImmutableArray<string>> ListRefreshingAsync();
}
