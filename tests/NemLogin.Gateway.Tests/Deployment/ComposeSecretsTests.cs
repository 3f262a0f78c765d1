using Xunit;

namespace NemLogin.Gateway.Tests.Deployment;

/// <summary>
/// Production guards (README): every password and key of the compose deployment comes from the environment, none
/// has a default a reader of this repository would know, and what compose runs by default is a production broker
/// (no demo, HSM signing) whose gateways believe forwarded headers from the proxy alone.
/// </summary>
public sealed class ComposeSecretsTests
{
    /// <summary>Variables docker-compose.yml cannot run without (secrets, the public address, the TLS folder).</summary>
    private static readonly string[] Required =
    [
        "POSTGRES_PASSWORD", "REDIS_PASSWORD", "NEMLOGIN_ADMIN_PASSWORD", "NEMLOGIN_HSM_PIN", "NEMLOGIN_MITID_CLIENT_SECRET",
        "NEMLOGIN_PUBLIC_URL", "NEMLOGIN_TLS_DIR", "NEMLOGIN_CA_KEY_PASSWORD", "NEMLOGIN_TLS_KEY_PASSWORD",
        "NEMLOGIN_OIDC_CLIENT_SECRET_KEY",
    ];

    private static readonly string[] Secrets =
    [
        "POSTGRES_PASSWORD", "REDIS_PASSWORD", "NEMLOGIN_ADMIN_PASSWORD", "NEMLOGIN_HSM_PIN", "NEMLOGIN_MITID_CLIENT_SECRET", "NEMLOGIN_ADMIN_API_KEY",
        "NEMLOGIN_CA_KEY_PASSWORD", "NEMLOGIN_TLS_KEY_PASSWORD", "NEMLOGIN_OIDC_CLIENT_SECRET_KEY",
    ];

    public static TheoryData<string> RequiredVariables() => new(Required);

    [Theory]
    [MemberData(nameof(RequiredVariables))]
    public async Task Config_RequiredVariableMissing_RefusedNamingIt(string variable)
    {
        // Known default credentials: a variable left out must stop compose, not fall back to a value in this file.
        var envFile = RenderedCompose.WriteEnvFile(RenderedCompose.ReadEnvFile(ComposeCli.ExampleEnvFile).Where(a => a.Key != variable));
        try
        {
            var result = await ComposeCli.RunWithEnvFileAsync(envFile, TestContext.Current.CancellationToken, "config", "--quiet");

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("set " + variable, result.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(envFile);
        }
    }

    [Fact]
    public async Task Config_EverySecret_OnlyFromTheEnvironment()
    {
        // Each secret gets a marker; every place a secret lands must carry a marker, and no development value may remain.
        var markers = Secrets.ToDictionary(s => s, s => "marker-" + s.ToLowerInvariant().Replace('_', '-') + "-7f3a");
        var envFile = RenderedCompose.WriteEnvFile(RenderedCompose.ReadEnvFile(ComposeCli.ExampleEnvFile)
            .Select(a => markers.TryGetValue(a.Key, out var marker) ? KeyValuePair.Create(a.Key, marker) : a));
        try
        {
            var result = await ComposeCli.RunWithEnvFileAsync(envFile, TestContext.Current.CancellationToken, "config");
            Assert.True(result.ExitCode == 0, result.StandardError);
            var config = result.StandardOutput;

            Assert.All(markers.Values, marker => Assert.Contains(marker, config, StringComparison.Ordinal));
            Assert.DoesNotContain("REPLACE", config, StringComparison.Ordinal);
            Assert.DoesNotContain("-dev", config, StringComparison.Ordinal);
            Assert.DoesNotContain("mitid-simulator-development-secret", config, StringComparison.Ordinal);
            foreach (var node in new[] { "postgres-monitor", "postgres-dc1", "postgres-dc2" })
            {
                Assert.Equal(markers["POSTGRES_PASSWORD"], RenderedCompose.Setting(RenderedCompose.ServiceBlock(config, node), "POSTGRES_PASSWORD"));
            }

            foreach (var service in new[] { "migrate", "silo-dc1-a", "silo-dc2-b", "gateway-dc1", "gateway-dc2" })
            {
                var block = RenderedCompose.ServiceBlock(config, service);
                Assert.EndsWith("Password=" + markers["POSTGRES_PASSWORD"], RenderedCompose.Setting(block, "ConnectionStrings__Orleans"), StringComparison.Ordinal);
                Assert.EndsWith("password=" + markers["REDIS_PASSWORD"], RenderedCompose.Setting(block, "ConnectionStrings__Redis"), StringComparison.Ordinal);
            }

            foreach (var service in new[] { "pki", "silo-dc1-a", "silo-dc2-b", "gateway-dc1", "gateway-dc2" })
            {
                Assert.Equal(markers["NEMLOGIN_TLS_KEY_PASSWORD"], RenderedCompose.Setting(RenderedCompose.ServiceBlock(config, service), "ClusterTls__KeyPassword"));
            }

            Assert.Equal(markers["NEMLOGIN_CA_KEY_PASSWORD"], RenderedCompose.Setting(RenderedCompose.ServiceBlock(config, "pki"), "Certs__CaKeyPassword"));

            var silo = RenderedCompose.ServiceBlock(config, "silo-dc1-b");
            Assert.Equal(markers["NEMLOGIN_HSM_PIN"], RenderedCompose.Setting(silo, "Signing__Pkcs11__Pin"));
            Assert.Equal(markers["NEMLOGIN_ADMIN_PASSWORD"], RenderedCompose.Setting(silo, "Management__AdminPassword"));
            var gateway = RenderedCompose.ServiceBlock(config, "gateway-dc2");
            Assert.Equal(markers["NEMLOGIN_MITID_CLIENT_SECRET"], RenderedCompose.Setting(gateway, "Upstream__MitId__ClientSecret"));
            Assert.Equal(markers["NEMLOGIN_ADMIN_API_KEY"], RenderedCompose.Setting(gateway, "Admin__ApiKey"));
        }
        finally
        {
            File.Delete(envFile);
        }
    }

    [Fact]
    public async Task Config_OnlyRequiredVariablesGiven_ProductionWithoutDemoSigningInHsm()
    {
        var envFile = RenderedCompose.WriteEnvFile(RenderedCompose.ReadEnvFile(ComposeCli.ExampleEnvFile).Where(a => Required.Contains(a.Key)));
        try
        {
            var result = await ComposeCli.RunWithEnvFileAsync(envFile, TestContext.Current.CancellationToken, "config");
            Assert.True(result.ExitCode == 0, result.StandardError);

            var gateway = RenderedCompose.ServiceBlock(result.StandardOutput, "gateway-dc1");
            var silo = RenderedCompose.ServiceBlock(result.StandardOutput, "silo-dc2-a");
            Assert.Equal("Production", RenderedCompose.Setting(gateway, "DOTNET_ENVIRONMENT"));
            Assert.DoesNotContain("Demo__Enabled", gateway, StringComparison.Ordinal);
            Assert.Equal("", RenderedCompose.Setting(gateway, "Admin__ApiKey"));
            Assert.Equal("Production", RenderedCompose.Setting(silo, "DOTNET_ENVIRONMENT"));
            Assert.Equal("Pkcs11", RenderedCompose.Setting(silo, "Signing__Provider"));
            Assert.Equal("false", RenderedCompose.Setting(silo, "Signing__AllowSoftwareInCluster"));
        }
        finally
        {
            File.Delete(envFile);
        }
    }

    [Fact]
    public async Task Config_Gateways_TrustForwardedHeadersFromTheProxyAddressOnly()
    {
        // Spoofing: only the proxy's address may tell a gateway the client's address and scheme.
        var result = await ComposeCli.RunAsync(TestContext.Current.CancellationToken, "config");
        Assert.True(result.ExitCode == 0, result.StandardError);

        var proxyAddress = RenderedCompose.Setting(RenderedCompose.ServiceBlock(result.StandardOutput, "proxy"), "ipv4_address");

        foreach (var gateway in new[] { "gateway-dc1", "gateway-dc2" })
        {
            var block = RenderedCompose.ServiceBlock(result.StandardOutput, gateway);
            Assert.Equal(proxyAddress, RenderedCompose.Setting(block, "ForwardedHeaders__KnownProxies__0"));
            Assert.DoesNotContain("ForwardedHeaders__KnownNetworks", block, StringComparison.Ordinal);
        }
    }
}
