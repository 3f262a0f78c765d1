using NemLogin.Grains.Assurance;

namespace NemLogin.Gateway.ServiceProviders;

/// <summary>Service provider registration at start-up and default policy (section <c>ServiceProviders</c>).</summary>
public sealed class ServiceProvidersOptions
{
    public const string SectionName = "ServiceProviders";

    /// <summary>Every SAML metadata file (*.xml) in this folder is registered at start-up. Empty: none.</summary>
    public string? MetadataDirectory { get; set; }

    /// <summary>EntityIDs entitled to the CPR number. Entitlement is an administrative decision, never read from metadata.</summary>
    public List<string> CprEntitled { get; set; } = [];

    /// <summary>The minimum level of assurance for newly registered SPs (from files or the admin API).</summary>
    public LevelOfAssurance DefaultMinimumLoa { get; set; } = LevelOfAssurance.Substantial;

    /// <summary>How often each gateway asks whether an SP's metadata URL is due for a refresh (each SP sets its own interval).</summary>
    public TimeSpan MetadataRefreshCheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a gateway uses a registration it read before it reads the grain again. A change made through this gateway
    /// applies at once; one made through another gateway applies here within this time. Zero: read on every request.
    /// </summary>
    public TimeSpan RegistrationCacheTime { get; set; } = TimeSpan.FromSeconds(1);
}
