using Xunit;

namespace NemLogin.Gateway.Tests.Deployment;

/// <summary>docker-compose.yml renders (`config`, no daemon needed, with .env.example) into the two-data-centre topology.</summary>
public sealed class DockerComposeTests
{
    private static readonly string[] ExpectedServices =
    [
        "postgres-monitor", "postgres-dc1", "postgres-dc2", "redis", "redis-dc2", "sentinel-1", "sentinel-2", "sentinel-3", "migrate", "pki",
        "silo-dc1-a", "silo-dc1-b", "silo-dc2-a", "silo-dc2-b",
        "gateway-dc1", "gateway-dc2",
        "proxy",
    ];

    [Fact]
    public async Task Config_ComposeFile_IsValid()
    {
        var result = await ComposeCli.RunAsync(TestContext.Current.CancellationToken, "config", "--quiet");

        Assert.True(result.ExitCode == 0, result.StandardError);
    }

    [Fact]
    public async Task Config_Services_AreTwoDataCentresBehindOneProxy()
    {
        var result = await ComposeCli.RunAsync(TestContext.Current.CancellationToken, "config", "--services");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal(ExpectedServices.Order(), Lines(result.StandardOutput).Order());
    }

    [Fact]
    public async Task Config_Volumes_ATokenVolumePerDataCentre()
    {
        var result = await ComposeCli.RunAsync(TestContext.Current.CancellationToken, "config", "--volumes");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains("softhsm-tokens-dc1", Lines(result.StandardOutput));
        Assert.Contains("softhsm-tokens-dc2", Lines(result.StandardOutput));
    }

    // An HSM per data centre (docs/cluster.md, "An HSM per data centre"): a silo mounts its own site's token and never the other's.
    [Theory]
    [InlineData("silo-dc1-a", "dc1", "dc2")]
    [InlineData("silo-dc1-b", "dc1", "dc2")]
    [InlineData("silo-dc2-a", "dc2", "dc1")]
    [InlineData("silo-dc2-b", "dc2", "dc1")]
    public async Task Config_Silo_MountsItsDataCentresTokenOnly(string service, string own, string other)
    {
        var block = await RenderedServiceAsync(service);

        // Short syntax (docker-compose 1.x renders "- volume:target:rw") or long (compose v2: "source: volume").
        Assert.Matches($@"(?m)^\s+(- |source: )softhsm-tokens-{own}(:/var/lib/nemlogin/softhsm/tokens(:rw)?)?\s*$", block);
        Assert.DoesNotContain("softhsm-tokens-" + other, block, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("silo-dc1-a", "DC1")]
    [InlineData("silo-dc1-b", "DC1")]
    [InlineData("silo-dc2-a", "DC2")]
    [InlineData("silo-dc2-b", "DC2")]
    [InlineData("gateway-dc1", "DC1")]
    [InlineData("gateway-dc2", "DC2")]
    public async Task Config_ClusterService_JoinsTheClusterInItsDataCentre(string service, string dataCentre)
    {
        var block = await RenderedServiceAsync(service);

        Assert.Matches($@"(?m)^\s+DataCenter__Name: ""?{dataCentre}""?\s*$", block);
        Assert.Matches(@"(?m)^\s+Orleans__ClusterId: ""?nemlogin""?\s*$", block);
        Assert.Matches(@"(?m)^\s+ConnectionStrings__Orleans: .*Host=postgres", block);
        // Redis through the three Sentinels, so a promoted replica is followed without a restart.
        Assert.Matches(@"(?m)^\s+ConnectionStrings__Redis: sentinel-1:26379,sentinel-2:26379,sentinel-3:26379,serviceName=nemlogin,", block);
    }

    [Theory]
    [InlineData("silo-dc1-a")]
    [InlineData("silo-dc1-b")]
    [InlineData("silo-dc2-a")]
    [InlineData("silo-dc2-b")]
    [InlineData("gateway-dc1")]
    [InlineData("gateway-dc2")]
    public async Task Config_ClusterService_PresentsItsOwnCertificateAndTrustsTheClusterCa(string service)
    {
        // Mutual TLS between silos and from gateways (docs/security.md, "Between processes"): each node its own
        // certificate, the cluster CA as the one trust anchor, the TLS folder read-only, the CA's key out of reach.
        var block = await RenderedServiceAsync(service);

        Assert.Equal($"/etc/nemlogin/tls/{service}.crt", RenderedCompose.Setting(block, "ClusterTls__CertificatePath"));
        Assert.Equal($"/etc/nemlogin/tls/{service}.key", RenderedCompose.Setting(block, "ClusterTls__KeyPath"));
        Assert.Equal("/etc/nemlogin/tls/ca.crt", RenderedCompose.Setting(block, "ClusterTls__CaPath"));
        Assert.Matches(@"(?m)^\s+- cluster-tls:/etc/nemlogin/tls:ro\s*$", block);
        Assert.DoesNotContain("cluster-ca", block, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_PkiService_OnlyOnRequestAndTheOnlyOneWithTheCaKey()
    {
        var pki = await RenderedServiceAsync("pki");

        Assert.Matches(@"(?m)^\s+profiles:\s*\n\s+- setup\s*$", pki);
        Assert.Contains("cluster-ca:/var/lib/nemlogin/ca", pki, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("silo-dc1-a")]
    [InlineData("silo-dc2-b")]
    [InlineData("gateway-dc1")]
    public async Task Config_ClusterService_StartsOnlyAfterTheSchemaMigration(string service)
    {
        var block = await RenderedServiceAsync(service);

        Assert.Matches(@"(?m)^\s+migrate:\s*\n\s+condition: service_completed_successfully\s*$", block);
    }

    private static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>One service of the configuration rendered with .env.example.</summary>
    private static async Task<string> RenderedServiceAsync(string service)
    {
        var result = await ComposeCli.RunAsync(TestContext.Current.CancellationToken, "config");
        Assert.True(result.ExitCode == 0, result.StandardError);
        return RenderedCompose.ServiceBlock(result.StandardOutput, service);
    }
}
