using System.Net;
using Microsoft.Extensions.Options;
using NemLogin.Grains.Hosting;
using Orleans.Configuration;

namespace NemLogin.Embedded.Hosting;

/// <summary>
/// The co-hosted silo of embedded mode: grain calls from the gateway stay in this process, and so does grain state (a
/// process-wide table whose expired records a purge removes, so memory does not grow with every login).
/// </summary>
public static class EmbeddedSiloExtensions
{
    private const int DefaultSiloPort = 11111;

    public static WebApplicationBuilder AddNemLoginEmbeddedSilo(this WebApplicationBuilder builder)
    {
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(
                    siloPort: DefaultSiloPort,
                    // Gateway port 0: no Orleans client port is opened; nothing outside this process calls the grains.
                    gatewayPort: 0,
                    serviceId: "nemlogin-embedded",
                    clusterId: "nemlogin-embedded")
                .AddNemLoginGrains()
                .AddNemLoginProcessStorage();

            // Orleans:SiloPort is read when options are built (not while the builder runs), so configuration added
            // late - command line, environment, a test host - still moves the port.
            silo.Services.AddSingleton<IPostConfigureOptions<EndpointOptions>, SiloPortFromConfiguration>();
            silo.Services.AddSingleton<IPostConfigureOptions<DevelopmentClusterMembershipOptions>, SiloPortFromConfiguration>();

            // One silo owns every directory partition, so a cache of grain locations in front of them saves no remote
            // lookup; it would only hold an entry for each activation placed (up to a million by default).
            silo.Configure<GrainDirectoryOptions>(directory => directory.CachingStrategy = GrainDirectoryOptions.CachingStrategyType.None);
        });
        return builder;
    }

    private sealed class SiloPortFromConfiguration(IConfiguration configuration)
        : IPostConfigureOptions<EndpointOptions>, IPostConfigureOptions<DevelopmentClusterMembershipOptions>
    {
        private int Port => configuration.GetValue("Orleans:SiloPort", DefaultSiloPort);

        public void PostConfigure(string? name, EndpointOptions options) => options.SiloPort = Port;

        public void PostConfigure(string? name, DevelopmentClusterMembershipOptions options) =>
            options.PrimarySiloEndpoint = new IPEndPoint(IPAddress.Loopback, Port);
    }
}
