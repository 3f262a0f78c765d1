namespace NemLogin.Grains.ServiceProviders;

/// <summary>One service provider, keyed by its SAML entityID. The single writer of its registration.</summary>
[Alias("nl.sp")]
public interface IServiceProviderGrain : IGrainWithStringKey
{
    /// <summary>The current registration, or null when none exists.</summary>
    [Alias("get")]
    Task<ServiceProviderRegistration?> GetAsync();

    /// <summary>
    /// Registers or replaces the SP, metadata and policy alike. Refused (<see cref="GrainRuleException"/>) when the entityID
    /// differs from the grain key, no signing certificate or no HTTP-POST ACS is present. Returns the stored registration (with its version).
    /// </summary>
    [Alias("register")]
    Task<ServiceProviderRegistration> RegisterAsync(ServiceProviderRegistration registration);

    [Alias("set-enabled")]
    Task SetEnabledAsync(bool enabled);

    /// <summary>
    /// Registers the SP, or replaces only what its metadata says (certificates, endpoints, requested encryption) and keeps
    /// the policy and metadata source an administrator set. Same rules as <see cref="RegisterAsync"/>.
    /// </summary>
    [Alias("replace-metadata")]
    Task<ServiceProviderRegistration> ReplaceMetadataAsync(ServiceProviderRegistration registration);

    /// <summary>Replaces the SP's policy. Refused with <c>sp.unknown</c> when not registered, <c>sp.policy-invalid</c> for a level below Low.</summary>
    [Alias("set-policy")]
    Task<ServiceProviderRegistration> SetPolicyAsync(ServiceProviderPolicy policy);

    /// <summary>Sets (or with null removes) where the SP's metadata is refreshed from; the first refresh is due at once.</summary>
    [Alias("set-metadata-source")]
    Task<ServiceProviderRegistration> SetMetadataSourceAsync(MetadataSource? source);

    /// <summary>
    /// The metadata source when a refresh is due, and marks it taken until the next interval, so that of many gateways
    /// asking only one fetches; null when none is due.
    /// </summary>
    [Alias("claim-metadata-refresh")]
    Task<MetadataSource?> ClaimMetadataRefreshAsync();

    /// <summary>Removes the registration; false when there was none.</summary>
    [Alias("delete")]
    Task<bool> DeleteAsync();
}
