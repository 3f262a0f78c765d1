using System.Security.Cryptography;
using System.Text;

namespace NemLogin.Cluster.Tests.Infrastructure;

/// <summary>
/// One unique, recognisable value per secret the hosts read (options with [Redact], the PINs, the stores' passwords),
/// and the forms in which each could reach a log: as written, and base64 inside the HTTP Basic credentials that carry
/// the MitID client secret and the dashboard password.
/// </summary>
internal sealed class SecretMarkers
{
    private readonly string _run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public string AdminApiKey => Marker("admin-api-key");

    /// <summary>The broker's client secret at MitID, which the simulator also holds for it.</summary>
    public string MitIdClientSecret => Marker("mitid-client-secret");

    public string SimulatorOtherClientSecret => Marker("simulator-client-secret");

    public string SimulatorKeyPassword => Marker("simulator-key-password");

    public string HsmPin => Marker("hsm-pin");

    public string HsmSoPin => Marker("hsm-so-pin");

    public string PostgresPassword => Marker("postgres-password");

    public string RedisPassword => Marker("redis-password");

    public string DashboardPassword => Marker("dashboard-password");

    /// <summary>Encrypts the silo's and gateway's cluster TLS keys.</summary>
    public string ClusterTlsKeyPassword => Marker("cluster-tls-key-password");

    public IReadOnlyDictionary<string, string> All => new Dictionary<string, string>
    {
        ["Admin:ApiKey"] = AdminApiKey,
        ["Upstream:MitId:ClientSecret / MitIdSimulator:ClientSecret"] = MitIdClientSecret,
        ["MitIdSimulator:Clients:0:ClientSecret"] = SimulatorOtherClientSecret,
        ["MitIdSimulator:KeyFilePassword"] = SimulatorKeyPassword,
        ["Signing:Pkcs11:Pin"] = HsmPin,
        ["Keys:SoPin"] = HsmSoPin,
        ["ConnectionStrings:Orleans password"] = PostgresPassword,
        ["ConnectionStrings:Redis password"] = RedisPassword,
        ["Management:AdminPassword"] = DashboardPassword,
        ["ClusterTls:KeyPassword"] = ClusterTlsKeyPassword,
    };

    /// <summary>
    /// Every secret, as environment variables, for any host: the cluster's stores get the real passwords from the
    /// caller; hosts that do not use a secret still read it (a dump of configuration would show it).
    /// </summary>
    public Dictionary<string, string> Environment(string postgresConnectionString, string redisConfiguration) => new()
    {
        ["Admin__ApiKey"] = AdminApiKey,
        ["Upstream__MitId__ClientSecret"] = MitIdClientSecret,
        ["MitIdSimulator__ClientSecret"] = MitIdClientSecret,
        ["MitIdSimulator__KeyFilePassword"] = SimulatorKeyPassword,
        ["MitIdSimulator__Clients__0__ClientId"] = "another-relying-party",
        ["MitIdSimulator__Clients__0__ClientSecret"] = SimulatorOtherClientSecret,
        ["MitIdSimulator__Clients__0__RedirectUris__0"] = "https://rp.example.dk/callback",
        ["Signing__Pkcs11__Pin"] = HsmPin,
        ["Keys__SoPin"] = HsmSoPin,
        ["ConnectionStrings__Orleans"] = postgresConnectionString,
        ["ConnectionStrings__Redis"] = redisConfiguration,
        ["Management__AdminPassword"] = DashboardPassword,
        ["ClusterTls__KeyPassword"] = ClusterTlsKeyPassword,
    };

    /// <summary>Every category at Trace, including those the hosts' defaults keep quiet.</summary>
    public static IReadOnlyDictionary<string, string> TraceLogging { get; } = new Dictionary<string, string>
    {
        ["Logging__LogLevel__Default"] = "Trace",
        ["Logging__LogLevel__Microsoft"] = "Trace",
        ["Logging__LogLevel__Microsoft.AspNetCore"] = "Trace",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Trace",
        ["Logging__LogLevel__System"] = "Trace",
        ["Logging__LogLevel__System.Net.Http.HttpClient"] = "Trace",
        ["Logging__LogLevel__Orleans"] = "Trace",
        ["Logging__LogLevel__Polly"] = "Trace",
        ["Logging__LogLevel__Microsoft.Extensions.Http"] = "Trace",
    };

    /// <summary>Each secret that occurs in <paramref name="log"/>, in any of the forms it could take there.</summary>
    public IEnumerable<string> FoundIn(string log)
    {
        foreach (var (setting, value) in All)
        {
            string[] forms =
            [
                value,
                Base64(value),
                Base64("nemlogin-broker:" + value),
                Base64("admin:" + value),
            ];
            foreach (var form in forms.Where(f => log.Contains(f, StringComparison.Ordinal)))
            {
                var at = log.IndexOf(form, StringComparison.Ordinal);
                yield return $"{setting} ({form}) near: {log[Math.Max(0, at - 200)..Math.Min(log.Length, at + 100)]}";
            }
        }
    }

    private string Marker(string name) => $"marker-{name}-{_run}";

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
