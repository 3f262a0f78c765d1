using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using NemLogin.Cluster.Tests.Infrastructure;
using NemLogin.Silo.Database;
using Xunit;

namespace NemLogin.Cluster.Tests.Operations;

/// <summary>
/// Secrets never reach logs (README, 'Production guards'). Each host starts as a process with every secret set to a
/// marker and every log category at Trace, serves a login, an admin call and (silo) the dashboard, stops, and its whole
/// output (stdout and stderr) is searched for every marker. Options dumps must be there, with the secrets REDACTED.
/// </summary>
[Collection(SoloCollection.Name)]
public sealed class SecretsInLogsTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task EmbeddedHost_EverySecretAMarkerAtTrace_NoMarkerInItsOutput()
    {
        // Attack class: secret exposure through logs (options dumps, HTTP client and server tracing, exceptions).
        var markers = new SecretMarkers();
        var folder = NewFolder();
        try
        {
            var sp = new ClusterTestSp();
            sp.WriteMetadata(Path.Combine(folder, "sp"));
            var port = FreePorts.Next();
            var environment = markers.Environment(
                $"Host=127.0.0.1;Port=1;Username=nemlogin;Database=nemlogin;Password={markers.PostgresPassword}",
                $"127.0.0.1:1,password={markers.RedisPassword}");
            foreach (var (key, value) in SecretMarkers.TraceLogging)
            {
                environment[key] = value;
            }

            environment["DOTNET_ENVIRONMENT"] = "Development";
            environment["ASPNETCORE_CONTENTROOT"] = Path.GetDirectoryName(BuiltHosts.Embedded)!;
            environment["Urls"] = $"http://127.0.0.1:{port}";
            environment["Orleans__SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
            environment["Broker__DataDirectory"] = Path.Combine(folder, "data");
            environment["Signing__SoftwareKeyDirectory"] = Path.Combine(folder, "data", "keys");
            environment["ServiceProviders__MetadataDirectory"] = Path.Combine(folder, "sp");
            environment["MitIdSimulator__KeyFile"] = WriteEncryptedKey(folder, markers.SimulatorKeyPassword);
            var embedded = new HostNode("embedded", "DC1", BuiltHosts.Embedded, port, environment, folder);

            await embedded.StartAndWaitReadyAsync(StartTimeout);
            await ExerciseGatewayAsync(embedded.BaseUrl, sp, markers);
            await StopAsync(embedded);

            var log = await File.ReadAllTextAsync(embedded.Process!.LogFile, TestContext.Current.CancellationToken);
            AssertTracedWithoutSecrets(log, markers, "ApiKey: REDACTED", "ClientSecret: REDACTED", "KeyFilePassword: REDACTED", "Pin: REDACTED");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ClusterGatewayAndSilo_EverySecretAMarkerAtTrace_NoMarkerInTheirOutput()
    {
        // Attack class: secret exposure through logs, with the stores really demanding their passwords (over TLS), the HSM
        // its PIN and the cluster TLS keys their password.
        var markers = new SecretMarkers();
        var folder = NewFolder();
        var pki = ClusterPki.Create(folder, nodeKeyPassword: markers.ClusterTlsKeyPassword);
        var stores = new StoreTls(pki.Issue("store", "stores"), pki.CaPath);
        await using var postgres = await PostgresServer.StartAsync(markers.PostgresPassword, stores);
        await using var redis = await RedisServer.StartAsync(markers.RedisPassword, stores);
        try
        {
            await DatabaseMigrator.MigrateAsync(postgres.ConnectionString(), CancellationToken.None);
            var hsm = new SoftHsmToken(markers.HsmPin, markers.HsmSoPin);
            await hsm.PrepareAsync(folder);
            var sp = new ClusterTestSp();
            sp.WriteMetadata(Path.Combine(folder, "sp"));
            var clusterId = "secrets-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

            var siloEnvironment = Common(markers, postgres, redis, clusterId);
            foreach (var (key, value) in hsm.SiloEnvironment.Concat(pki.Environment(pki.Issue("silo", "silo"))))
            {
                siloEnvironment[key] = value;
            }

            var siloPort = FreePorts.Next();
            siloEnvironment["DOTNET_ENVIRONMENT"] = "Production";
            siloEnvironment["Urls"] = $"http://127.0.0.1:{siloPort}";
            siloEnvironment["Orleans__SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
            siloEnvironment["Orleans__GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
            siloEnvironment["Orleans__AdvertisedAddress"] = "127.0.0.1";
            var silo = new HostNode("silo", "DC1", BuiltHosts.Silo, siloPort, siloEnvironment, folder);

            var gatewayEnvironment = Common(markers, postgres, redis, clusterId);
            foreach (var (key, value) in pki.Environment(pki.Issue("gateway", "gateway")))
            {
                gatewayEnvironment[key] = value;
            }

            var gatewayPort = FreePorts.Next();
            gatewayEnvironment["DOTNET_ENVIRONMENT"] = "Development";
            gatewayEnvironment["Urls"] = $"http://127.0.0.1:{gatewayPort}";
            gatewayEnvironment["Broker__PublicBaseUrl"] = $"http://127.0.0.1:{gatewayPort}";
            gatewayEnvironment["Broker__DataDirectory"] = Path.Combine(folder, "gateway");
            gatewayEnvironment["ServiceProviders__MetadataDirectory"] = Path.Combine(folder, "sp");
            gatewayEnvironment["MitIdSimulator__KeyFile"] = WriteEncryptedKey(folder, markers.SimulatorKeyPassword);
            var gateway = new HostNode("gateway", "DC1", BuiltHosts.DemoGateway, gatewayPort, gatewayEnvironment, folder);

            await silo.StartAndWaitReadyAsync(StartTimeout);
            await gateway.StartAndWaitReadyAsync(StartTimeout);
            await ExerciseGatewayAsync(gateway.BaseUrl, sp, markers);
            await ExerciseDashboardAsync(silo.BaseUrl, markers);
            await StopAsync(gateway);
            await StopAsync(silo);

            var gatewayLog = await File.ReadAllTextAsync(gateway.Process!.LogFile, TestContext.Current.CancellationToken);
            var siloLog = await File.ReadAllTextAsync(silo.Process!.LogFile, TestContext.Current.CancellationToken);
            var keysLog = await File.ReadAllTextAsync(Path.Combine(folder, "keys.log"), TestContext.Current.CancellationToken);
            AssertTracedWithoutSecrets(gatewayLog, markers, "ApiKey: REDACTED", "PostgresConnectionString: REDACTED", "RedisConfiguration: REDACTED", "KeyPassword: REDACTED");
            AssertTracedWithoutSecrets(siloLog, markers, "Orleans: REDACTED", "Redis: REDACTED", "AdminPassword: REDACTED", "Pin: REDACTED", "KeyPassword: REDACTED");
            Assert.Empty(markers.FoundIn(keysLog));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A login through the demo's MitID simulator (client secret on the back channel) and an admin API call.</summary>
    private static async Task ExerciseGatewayAsync(string baseUrl, ClusterTestSp sp, SecretMarkers markers)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using (var browser = new LoginBrowser())
        {
            var (url, _) = await sp.LoginUrlAsync(baseUrl, cancellationToken);
            var login = await browser.LoginAsync(url, "alice", cancellationToken);
            Assert.True(login.Success, login.Detail);
        }

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, baseUrl + "/api/admin/service-providers");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", markers.AdminApiKey);
        using var response = await http.SendAsync(request, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task ExerciseDashboardAsync(string siloUrl, SecretMarkers markers)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, siloUrl + "/dashboard/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + markers.DashboardPassword)));
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static void AssertTracedWithoutSecrets(string log, SecretMarkers markers, params string[] redactedLines)
    {
        Assert.Empty(markers.FoundIn(log));
        // The search means something only if the logs are there: Trace lines, and the options dumps that carry the secrets.
        Assert.Contains("trce: ", log, StringComparison.Ordinal);
        Assert.All(redactedLines, line => Assert.Contains(line, log, StringComparison.Ordinal));
    }

    private static Dictionary<string, string> Common(SecretMarkers markers, PostgresServer postgres, RedisServer redis, string clusterId)
    {
        var environment = markers.Environment(postgres.ConnectionString(), redis.Configuration);
        foreach (var (key, value) in SecretMarkers.TraceLogging)
        {
            environment[key] = value;
        }

        environment["Orleans__ClusterId"] = clusterId;
        environment["Orleans__ServiceId"] = clusterId;
        environment["DataCenter__Name"] = "DC1";
        return environment;
    }

    /// <summary>The simulator's signing key as an encrypted PKCS#8 PEM, so its password is read and used.</summary>
    private static string WriteEncryptedKey(string folder, string password)
    {
        var path = Path.Combine(folder, "simulator-key-" + Guid.NewGuid().ToString("N")[..8] + ".pem");
        using var rsa = RSA.Create(2048);
        File.WriteAllText(path, rsa.ExportEncryptedPkcs8PrivateKeyPem(password, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000)));
        return path;
    }

    private static string NewFolder()
    {
        var folder = Directory.CreateTempSubdirectory("nemlogin-secrets-").FullName;
        Watchdog.TrackFolder(folder);
        return folder;
    }

    private static async Task StopAsync(HostNode node)
    {
        node.Process!.Signal(Signals.Terminate);
        if (!await node.Process.WaitForExitAsync(TimeSpan.FromSeconds(30)))
        {
            await node.KillAsync();
        }
    }
}
