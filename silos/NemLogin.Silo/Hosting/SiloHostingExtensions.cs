using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NemLogin.ClusterTls;
using NemLogin.Grains.Hosting;
using NemLogin.Grains.Signing;
using NemLogin.Silo.Placement;
using NemLogin.Silo.Purge;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService;

namespace NemLogin.Silo.Hosting;

/// <summary>The cluster silo's composition: validated settings, clustering, storage, data-centre placement, grains.</summary>
public static class SiloHostingExtensions
{
    /// <summary>Configuration section whose values override Orleans' failure detection (<see cref="ClusterMembershipOptions"/>).</summary>
    public const string MembershipSection = "Orleans:Membership";

    public static WebApplicationBuilder AddNemLoginClusterSilo(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = SiloSettings.Read(builder.Configuration, builder.Environment);
        RegisterValidatedOptions(builder.Services);
        // One pool for the silo's own PostgreSQL work (readiness, the purge); a multi-host string follows a failover.
        builder.Services.TryAddSingleton(_ => NpgsqlDataSource.Create(settings.Stores.Orleans!));
        builder.Services.AddNemLoginExpiredStatePurge();

        builder.UseOrleans(silo => silo
            .UseNemLoginClustering(settings)
            .UseNemLoginClusterTls(settings.Certificates)
            .AddNemLoginClusterStorage(settings.Stores, settings.Tls.StoreCaPath)
            .AddNemLoginDataCentrePlacement(settings.DataCentre.Name)
            .AddActivityPropagation()
            .AddNemLoginGrains()
            .AddNemLoginClusterSigningPolicy());
        // Each data centre signs with its own HSM: the signer pool publishes this site's keys and forwards to the other's.
        builder.Services.PostConfigure<SigningOptions>(options => options.Site ??= settings.DataCentre.Name);
        return builder;
    }

    private static ISiloBuilder UseNemLoginClustering(this ISiloBuilder silo, SiloSettings settings)
    {
        var endpoints = settings.Endpoints;
        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = endpoints.ClusterId;
            options.ServiceId = endpoints.ServiceId;
        });
        silo.Configure<SiloOptions>(options => options.SiloName = $"{settings.DataCentre.Name}-{Environment.MachineName}-{endpoints.SiloPort}");
        var advertised = AdvertisedAddress(endpoints.AdvertisedAddress);
        // Only the configured private address, never every interface (docs/security.md): the validator refuses 0.0.0.0.
        var listen = string.IsNullOrWhiteSpace(endpoints.ListenAddress) ? advertised : IPAddress.Parse(endpoints.ListenAddress);
        silo.Configure<EndpointOptions>(options =>
        {
            options.AdvertisedIPAddress = advertised;
            options.SiloPort = endpoints.SiloPort;
            options.GatewayPort = endpoints.GatewayPort;
            options.SiloListeningEndpoint = new IPEndPoint(listen, endpoints.SiloPort);
            options.GatewayListeningEndpoint = new IPEndPoint(listen, endpoints.GatewayPort);
        });
        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = ClusterStorageExtensions.PostgresInvariant;
            options.ConnectionString = settings.Stores.Orleans;
        });
        // A failed membership call is tried again at once while PostgreSQL fails over, not after Orleans' back-off.
        var table = silo.Services.Last(d => d.ServiceType == typeof(IMembershipTable));
        silo.Services.Remove(table);
        silo.Services.AddSingleton<AdoNetClusteringTable>();
        silo.Services.AddSingleton<IMembershipTable>(provider => new RetryingMembershipTable(
            provider.GetRequiredService<AdoNetClusteringTable>(), TimeProvider.System,
            provider.GetRequiredService<ILogger<RetryingMembershipTable>>()));
        var membership = silo.Configuration.GetSection(MembershipSection);
        silo.Services.Configure<ClusterMembershipOptions>(membership);
        // Orleans withholds a silo's vote against a peer while that peer's connection brought a message within
        // MaxProbeTimeout x NumMissedProbesLimit: with its default (four probe timeouts) 60 s. A hung peer (a site cut
        // off, a stopped machine) sends nothing from the moment it hangs, yet was declared dead only after those 60 s
        // (docs/reliability.md, "partition"); the probe timeout as the ceiling makes it 15 s.
        if (membership[nameof(ClusterMembershipOptions.MaxProbeTimeout)] is null)
        {
            silo.Services.PostConfigure<ClusterMembershipOptions>(options => options.MaxProbeTimeout = options.ProbeTimeout);
        }

        // Durable reminders (mandate expiry) in the same database, through the statements schema.sql keeps.
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = ClusterStorageExtensions.PostgresInvariant;
            options.ConnectionString = settings.Stores.Orleans;
        });
        return silo;
    }

    private static void RegisterValidatedOptions(IServiceCollection services)
    {
        services.AddOptions<SiloEndpointOptions>().BindConfiguration(SiloEndpointOptions.SectionName).ValidateOnStart();
        services.AddOptions<DataCentreOptions>().BindConfiguration(DataCentreOptions.SectionName).ValidateOnStart();
        services.AddOptions<ClusterStoreOptions>().BindConfiguration(ClusterStoreOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SiloEndpointOptions>, SiloEndpointOptionsValidator>();
        services.AddSingleton<IValidateOptions<DataCentreOptions>, DataCentreOptionsValidator>();
        services.AddSingleton<IValidateOptions<ClusterStoreOptions>, ClusterStoreOptionsValidator>();
        services.AddOptions<ClusterTlsOptions>().BindConfiguration(ClusterTlsOptions.SectionName);
        // Orleans logs the formatted options at start-up: the connection strings and the key password show as REDACTED.
        services.ConfigureFormatter<ClusterStoreOptions>();
        services.ConfigureFormatter<ClusterTlsOptions>();
    }

    private static IPAddress AdvertisedAddress(string? configured)
    {
        var name = string.IsNullOrWhiteSpace(configured) ? Dns.GetHostName() : configured;
        if (IPAddress.TryParse(name, out var address))
        {
            return address;
        }

        return Dns.GetHostAddresses(name).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            ?? throw new InvalidOperationException($"Orleans:AdvertisedAddress '{name}' does not resolve to an IPv4 address.");
    }
}
