namespace NemLogin.Grains.ServiceProviders;

/// <summary>One service provider, keyed by its SAML entityID. The single writer of its registration.</summary>
[Alias("nl.sp")]
public interface IServiceProviderGrain : IGrainWithStringKey
{
    /// <summary>The current registration, or null when none exists.</summary>
    [Alias("get")]
    Task<ServiceProviderRegistration?> GetAsync();

    /// <summary>
    /// Registers or replaces the SP. Refused (<see cref="GrainRuleException"/>) when the entityID differs from the
    /// grain key, no signing certificate or no HTTP-POST ACS is present. Returns the stored registration (with its version).
    /// </summary>
    [Alias("register")]
    Task<ServiceProviderRegistration> RegisterAsync(ServiceProviderRegistration registration);

    [Alias("set-enabled")]
    Task SetEnabledAsync(bool enabled);
}
