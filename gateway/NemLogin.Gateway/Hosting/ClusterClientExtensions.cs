using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using NemLogin.ClusterTls;
using Orleans.Configuration;
using StackExchange.Redis;

namespace NemLogin.Gateway.Hosting;

/// <summary>
/// The gateway as an Orleans client of a cluster spanning both data centres: silos found through the PostgreSQL
/// membership table, every grain call stamped with this gateway's data centre, the data-protection key ring in Redis
/// (shared by all gateways), readiness including Redis, OpenTelemetry.
/// </summary>
public static class ClusterClientExtensions
{
    /// <summary>Overrides of Orleans' gateway-list refresh (<see cref="GatewayOptions"/>).</summary>
    public const string GatewaySection = "Orleans:Gateway";

    /// <summary>Overrides of Orleans' client messaging, e.g. ResponseTimeout (<see cref="ClientMessagingOptions"/>).</summary>
    public const string MessagingSection = "Orleans:Messaging";

    /// <summary>How long a gateway's grain call waits for its answer unless <c>Orleans:Messaging:ResponseTimeout</c> says otherwise.</summary>
    public static readonly TimeSpan DefaultResponseTimeout = TimeSpan.FromSeconds(10);

    private const string DataProtectionKey = "nemlogin:data-protection-keys";

    public static WebApplicationBuilder AddNemLoginClusterClient(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = ClusterClientOptions.Read(builder.Configuration);
        var development = builder.Environment.IsDevelopment();
        var validation = new ClusterClientOptionsValidator(passwordRequired: !development).Validate(null, options);
        // Outside Development the gateway reaches the silos over mutual TLS or does not start.
        var tls = ClusterTlsOptions.Read(builder.Configuration);
        var (certificates, tlsProblems) = ClusterCertificates.Load(tls, ClusterRole.Gateway, required: !development, TimeProvider.System);
        // Outside Development the shared key ring is encrypted at rest or the gateway does not start.
        var (keyRingCertificate, keyRingProblems) = KeyRingCertificate.Load(builder.Configuration, required: !development);
        if (validation.Failed || tlsProblems.Count > 0 || keyRingProblems.Count > 0)
        {
            throw new OptionsValidationException(nameof(ClusterClientOptions), typeof(ClusterClientOptions),
                [.. validation.Failures ?? [], .. tlsProblems, .. keyRingProblems]);
        }

        // Logged by Orleans' client at start-up with both connection strings and the key password REDACTED.
        builder.Services.AddSingleton(Options.Create(options));
        builder.Services.ConfigureFormatter<ClusterClientOptions>();
        builder.Services.AddSingleton(Options.Create(tls));
        builder.Services.ConfigureFormatter<ClusterTlsOptions>();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.ClusterId;
                cluster.ServiceId = options.ServiceId;
            });
            client.UseAdoNetClustering(adoNet =>
            {
                adoNet.Invariant = "Npgsql";
                adoNet.ConnectionString = options.PostgresConnectionString;
            });
            var gateways = builder.Configuration.GetSection(GatewaySection);
            client.Services.Configure<GatewayOptions>(gateways);
            // A silo that hangs (a site cut off) keeps its gateway connection open, so the client keeps sending to it
            // (each call then waits its response timeout) until it re-reads the membership table, by default a minute
            // after; every 2 s it drops a silo declared dead within seconds (docs/reliability.md, "partition").
            if (gateways[nameof(GatewayOptions.GatewayListRefreshPeriod)] is null)
            {
                client.Services.PostConfigure<GatewayOptions>(options => options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2));
            }
            var messaging = builder.Configuration.GetSection(MessagingSection);
            client.Services.Configure<ClientMessagingOptions>(messaging);
            // A person waits on every call: one to a silo that hangs (until it is declared dead) fails after 10 s with an
            // error page instead of Orleans' default 30 s, and the next attempt goes to a silo that answers.
            if (messaging[nameof(ClientMessagingOptions.ResponseTimeout)] is null)
            {
                client.Services.PostConfigure<ClientMessagingOptions>(options => options.ResponseTimeout = DefaultResponseTimeout);
            }
            client.Services.AddSingleton<IOutgoingGrainCallFilter>(new ClusterDataCentreCallFilter(options.DataCentre));
            client.UseConnectionRetryFilter<ClusterConnectionRetryFilter>();
            client.UseNemLoginClusterTls(certificates);
            client.AddActivityPropagation();
        });

        // One connection for the key ring, the MitID simulator's stores, their replication check and readiness: the
        // WAIT after a write covers that write only on the connection that made it (see ClusterRedisConnection).
        var redis = new ClusterRedisConnection(ClusterRedis.Options(options.RedisConfiguration!, tls.StoreCaPath));
        builder.Services.AddSingleton(_ => redis);
        builder.Services.AddSingleton(provider => provider.GetRequiredService<ClusterRedisConnection>().GetAsync().GetAwaiter().GetResult());
        var replication = builder.Configuration.GetSection(RedisReplicationOptions.SectionName).Get<RedisReplicationOptions>() ?? new();
        builder.Services.AddSingleton(provider => new RedisReplicationGuard(redis, replication, TimeProvider.System,
            provider.GetRequiredService<ILogger<RedisReplicationGuard>>()));
        // Any gateway must read the cookies and forms another gateway protected (a login may start in DC1 and return
        // to DC2), so all share one key ring. Redis persists it (through Sentinel, following a failover; a new key
        // counts once a replica holds it), each key encrypted to the key-ring certificate; decryption uses that
        // certificate's key, not a machine store.
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("NemLogin.Orleans");
        builder.Services.AddOptions<KeyManagementOptions>().Configure<RedisReplicationGuard>((keys, guard) =>
            keys.XmlRepository = new ReplicatedXmlRepository(DataProtectionKey, guard));
        if (keyRingCertificate is not null)
        {
            dataProtection.ProtectKeysWithCertificate(keyRingCertificate).UnprotectKeysWithAnyCertificate(keyRingCertificate);
        }
        builder.Services.AddHealthChecks().AddCheck<ClusterRedisHealthCheck>("redis", tags: ["ready"]);
        builder.AddNemLoginClusterTelemetry(options.DataCentre);
        return builder;
    }
}
