using NemLogin.Grains.Hosting;

namespace NemLogin.Silo.Hosting;

/// <summary>The silo's composition, one method per concern; the cluster issue swaps clustering and storage.</summary>
public static class SiloHostingExtensions
{
    /// <summary>Localhost clustering for development: one machine, ports and ids from configuration.</summary>
    public static ISiloBuilder UseNemLoginDevelopmentClustering(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var options = silo.Configuration.GetSection(SiloEndpointOptions.SectionName).Get<SiloEndpointOptions>() ?? new();
        Validate(options);

        // Clustering is configured before the service provider exists, so these options are checked here, at start-up.
        return silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, primarySiloEndpoint: null, options.ServiceId, options.ClusterId);
    }

    /// <summary>Grain storage. In-memory until the cluster issue maps the stores to PostgreSQL and Redis.</summary>
    public static ISiloBuilder AddNemLoginStorage(this ISiloBuilder silo) => silo.AddNemLoginInMemoryStorage();

    private static void Validate(SiloEndpointOptions options)
    {
        if (options.SiloPort is <= 0 or > 65535 || options.GatewayPort is <= 0 or > 65535 || options.SiloPort == options.GatewayPort)
        {
            throw new InvalidOperationException("Orleans:SiloPort and Orleans:GatewayPort must be distinct ports between 1 and 65535.");
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId) || string.IsNullOrWhiteSpace(options.ServiceId))
        {
            throw new InvalidOperationException("Orleans:ClusterId and Orleans:ServiceId are required.");
        }
    }
}
