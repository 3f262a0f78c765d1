using NemLogin.Cluster.Tests.Infrastructure;
using Xunit;

namespace NemLogin.Cluster.Tests.Configuration;

/// <summary>
/// A silo or gateway with missing or malformed cluster settings stops at start-up, naming every problem, before it
/// joins anything. (Processes, not unit calls: this is what an operator sees.)
/// </summary>
public sealed class HostStartupTests(TwoCas pki) : IClassFixture<TwoCas>
{
    private const string PostgresWithPassword = "Host=127.0.0.1;Port=1;Username=nemlogin;Database=nemlogin;Password=unreachable-store";
    private const string RedisWithPassword = "127.0.0.1:1,abortConnect=false,password=unreachable-store";

    [Fact]
    public async Task Silo_WithoutDataCentreStoresAndTls_ExitsNamingEachSetting()
    {
        var output = await RunToExitAsync(BuiltHosts.Silo, new Dictionary<string, string>
        {
            ["Orleans__SiloPort"] = "30000",
            ["Orleans__GatewayPort"] = "30000",
            // Every interface: the silo port would be offered on networks nobody meant it for.
            ["Orleans__ListenAddress"] = "0.0.0.0",
        });

        Assert.NotEqual(0, output.ExitCode);
        Assert.Contains("DataCenter:Name is required", output.Log, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Orleans", output.Log, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Redis", output.Log, StringComparison.Ordinal);
        Assert.Contains("Orleans:SiloPort and Orleans:GatewayPort must differ", output.Log, StringComparison.Ordinal);
        Assert.Contains("Orleans:ListenAddress 0.0.0.0 means every interface", output.Log, StringComparison.Ordinal);
        Assert.Contains("ClusterTls:CertificatePath, ClusterTls:KeyPath and ClusterTls:CaPath are required outside Development", output.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silo_WithAGatewayCertificate_ExitsNamingTheRole()
    {
        // A gateway's key must not let its holder serve as a silo.
        var output = await RunToExitAsync(BuiltHosts.Silo, ProductionSilo(pki.ClusterGateway));

        Assert.NotEqual(0, output.ExitCode);
        Assert.Contains("is not a silo certificate (extended key usage)", output.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_CertificateOfAnotherCaAndStoresWithoutPasswords_ExitsNamingEach()
    {
        // Outside Development: no store without a password, no certificate the cluster CA did not issue.
        var environment = ProductionGateway(new()
        {
            ["ConnectionStrings__Orleans"] = "Host=127.0.0.1;Port=1;Username=nemlogin;Database=nemlogin",
            ["ConnectionStrings__Redis"] = "127.0.0.1:1,abortConnect=false",
            ["ClusterTls__CertificatePath"] = pki.OtherGateway.CertificatePath,
            ["ClusterTls__KeyPath"] = pki.OtherGateway.KeyPath,
        });

        var output = await RunToExitAsync(BuiltHosts.Gateway, environment);

        Assert.NotEqual(0, output.ExitCode);
        Assert.Contains("does not chain to the cluster CA", output.Log, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Orleans has no Password", output.Log, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Redis has no password", output.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("unreachable-store", output.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_KeyRingUnencryptedOrWithoutRsaKey_ExitsNamingIt()
    {
        // Security: the data-protection key ring in Redis must not be plain XML outside Development (key material at rest).
        var without = await RunToExitAsync(BuiltHosts.Gateway, ProductionGateway(new() { ["DataProtection__CertificatePath"] = "", ["DataProtection__KeyPath"] = "" }));
        var ecdsa = await RunToExitAsync(BuiltHosts.Gateway, ProductionGateway(new()
        {
            ["DataProtection__CertificatePath"] = pki.ClusterGateway.CertificatePath,
            ["DataProtection__KeyPath"] = pki.ClusterGateway.KeyPath,
        }));

        Assert.NotEqual(0, without.ExitCode);
        Assert.Contains("DataProtection:CertificatePath and DataProtection:KeyPath are required outside Development", without.Log, StringComparison.Ordinal);
        Assert.NotEqual(0, ecdsa.ExitCode);
        Assert.Contains("DataProtection:CertificatePath has no RSA key", ecdsa.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_WithMalformedDataCentre_ExitsNamingIt()
    {
        var output = await RunToExitAsync(BuiltHosts.Gateway, new Dictionary<string, string>
        {
            ["DataCenter__Name"] = "DC 1; drop",
            ["ConnectionStrings__Orleans"] = "Host=127.0.0.1;Port=1;Username=x",
            ["ConnectionStrings__Redis"] = "127.0.0.1:1",
        });

        Assert.NotEqual(0, output.ExitCode);
        Assert.Contains("DataCenter:Name 'DC 1; drop' must be 1-16 letters, digits or hyphens", output.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoGateway_InProduction_ExitsNamingTheDemoParts()
    {
        // Production guards (README): the MitID simulator logs in anyone who types a test user's name.
        var output = await RunToExitAsync(BuiltHosts.DemoGateway, ProductionGateway([]));

        Assert.NotEqual(0, output.ExitCode);
        Assert.Contains("The development cluster gateway (NemLogin.DemoGateway) always has them: run NemLogin.Gateway instead.", output.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("Upstream:MitId:Authority", output.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_WithoutUpstreamInProduction_ExitsNamingAuthority()
    {
        var output = await RunToExitAsync(BuiltHosts.Gateway, ProductionGateway(new() { ["Upstream__MitId__Authority"] = "" }));

        Assert.NotEqual(0, output.ExitCode);
        Assert.Contains("Upstream:MitId:Authority is not set, so logins would go to the built-in MitID simulator", output.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("The demo parts", output.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silo_SoftwareKeyAllowedInProduction_ExitsNamingTheAllowance()
    {
        // Production guards (README): no software key signs in a cluster outside Development.
        var environment = ProductionSilo(pki.ClusterSilo);
        environment["Signing__Provider"] = "Software";
        environment["Signing__AllowSoftwareInCluster"] = "true";
        environment["Signing__SoftwareKeyDirectory"] = Path.Combine(Path.GetTempPath(), $"nemlogin-never-{Guid.NewGuid():N}");
        var output = await RunToExitAsync(BuiltHosts.Silo, environment);

        Assert.NotEqual(0, output.ExitCode);
        Assert.Contains("Signing:AllowSoftwareInCluster=true lets a cluster sign with a software key", output.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DbMigrate_WithoutConnectionString_ExitsWithUsageError()
    {
        var output = await RunToExitAsync(BuiltHosts.Silo, new Dictionary<string, string>(), "db", "migrate");

        Assert.Equal(2, output.ExitCode);
        Assert.Contains("ConnectionStrings:Orleans (PostgreSQL", output.Log, StringComparison.Ordinal);
    }

    /// <summary>A silo presenting <paramref name="certificate"/> (stores unreachable: it stops before connecting).</summary>
    private Dictionary<string, string> ProductionSilo(NodeCertificate certificate)
    {
        var environment = pki.Cluster.Environment(certificate);
        environment["DataCenter__Name"] = "DC1";
        environment["ConnectionStrings__Orleans"] = PostgresWithPassword;
        environment["ConnectionStrings__Redis"] = RedisWithPassword;
        environment["Orleans__SiloPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["Orleans__GatewayPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["Orleans__AdvertisedAddress"] = "127.0.0.1";
        return environment;
    }

    /// <summary>A cluster gateway with everything production needs (stores unreachable: it stops before connecting).</summary>
    private Dictionary<string, string> ProductionGateway(Dictionary<string, string> overrides)
    {
        var environment = new Dictionary<string, string>
        {
            ["DataCenter__Name"] = "DC1",
            ["ConnectionStrings__Orleans"] = PostgresWithPassword,
            ["ConnectionStrings__Redis"] = RedisWithPassword,
            ["Broker__PublicBaseUrl"] = "https://login.example.dk",
            ["Upstream__MitId__Authority"] = "https://mitid.example.dk/op",
            ["Upstream__MitId__ClientSecret"] = "secret-issued-by-mitid-0123456789",
            ["Oidc__ClientSecretKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        };
        foreach (var (key, value) in pki.Cluster.Environment(pki.ClusterGateway).Concat(ClusterPki.KeyRingEnvironment(pki.KeyRing)))
        {
            environment[key] = value;
        }

        foreach (var (key, value) in overrides)
        {
            environment[key] = value;
        }

        return environment;
    }

    private static async Task<(int ExitCode, string Log)> RunToExitAsync(string assembly, Dictionary<string, string> environment, params string[] arguments)
    {
        var log = Path.Combine(Path.GetTempPath(), $"nemlogin-startup-{Guid.NewGuid():N}.log");
        environment["DOTNET_ENVIRONMENT"] = "Production";
        environment["Urls"] = $"http://127.0.0.1:{FreePorts.Next()}";
        try
        {
            var process = ChildProcess.Start(log, environment, "dotnet", [assembly, .. arguments]);
            if (!await process.WaitForExitAsync(TimeSpan.FromSeconds(60)))
            {
                await process.KillAsync();
                Assert.Fail("The host kept running with invalid settings: " + process.LogTail());
            }

            return (process.ExitCode, await File.ReadAllTextAsync(log, TestContext.Current.CancellationToken));
        }
        finally
        {
            File.Delete(log);
        }
    }
}
