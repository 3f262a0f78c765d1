using Microsoft.Extensions.Options;

namespace NemLogin.Silo.Hosting;

/// <summary>
/// The settings Orleans needs while the silo is being built (clustering, endpoints, stores), read and validated before
/// the service provider exists so that a bad value stops the process with every problem named at once.
/// </summary>
internal sealed record SiloSettings(SiloEndpointOptions Endpoints, DataCentreOptions DataCentre, ClusterStoreOptions Stores)
{
    public static SiloSettings Read(IConfiguration configuration)
    {
        var settings = new SiloSettings(
            configuration.GetSection(SiloEndpointOptions.SectionName).Get<SiloEndpointOptions>() ?? new(),
            configuration.GetSection(DataCentreOptions.SectionName).Get<DataCentreOptions>() ?? new(),
            configuration.GetSection(ClusterStoreOptions.SectionName).Get<ClusterStoreOptions>() ?? new());
        List<string> failures =
        [
            .. Failures(new SiloEndpointOptionsValidator().Validate(null, settings.Endpoints)),
            .. Failures(new DataCentreOptionsValidator().Validate(null, settings.DataCentre)),
            .. Failures(new ClusterStoreOptionsValidator().Validate(null, settings.Stores)),
        ];
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(nameof(SiloSettings), typeof(SiloSettings), failures);
        }

        return settings;
    }

    private static IEnumerable<string> Failures(ValidateOptionsResult result) => result.Failures ?? [];
}
