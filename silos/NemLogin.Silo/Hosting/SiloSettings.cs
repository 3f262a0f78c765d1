using Microsoft.Extensions.Options;
using NemLogin.ClusterTls;

namespace NemLogin.Silo.Hosting;

/// <summary>
/// The settings Orleans needs while the silo is being built (clustering, endpoints, stores, TLS), read and validated
/// before the service provider exists so that a bad value stops the process with every problem named at once.
/// </summary>
internal sealed record SiloSettings(
    SiloEndpointOptions Endpoints, DataCentreOptions DataCentre, ClusterStoreOptions Stores, ClusterTlsOptions Tls, ClusterCertificates? Certificates)
{
    public static SiloSettings Read(IConfiguration configuration, IHostEnvironment environment)
    {
        var tls = ClusterTlsOptions.Read(configuration);
        // Outside Development the silo and gateway ports speak mutual TLS or the silo does not start.
        var (certificates, tlsProblems) = ClusterCertificates.Load(tls, ClusterRole.Silo, required: !environment.IsDevelopment(), TimeProvider.System);
        var settings = new SiloSettings(
            configuration.GetSection(SiloEndpointOptions.SectionName).Get<SiloEndpointOptions>() ?? new(),
            configuration.GetSection(DataCentreOptions.SectionName).Get<DataCentreOptions>() ?? new(),
            configuration.GetSection(ClusterStoreOptions.SectionName).Get<ClusterStoreOptions>() ?? new(),
            tls,
            certificates);
        List<string> failures =
        [
            .. Failures(new SiloEndpointOptionsValidator().Validate(null, settings.Endpoints)),
            .. Failures(new DataCentreOptionsValidator().Validate(null, settings.DataCentre)),
            .. Failures(new ClusterStoreOptionsValidator(environment).Validate(null, settings.Stores)),
            .. tlsProblems,
        ];
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(nameof(SiloSettings), typeof(SiloSettings), failures);
        }

        return settings;
    }

    private static IEnumerable<string> Failures(ValidateOptionsResult result) => result.Failures ?? [];
}
