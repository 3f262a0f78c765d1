using Xunit;

namespace NemLogin.Gateway.Tests.Deployment;

/// <summary>docker-compose.yml renders (`config`, no daemon needed, with .env.example) into the two-data-centre topology.</summary>
public sealed class DockerComposeTests
{
    private static readonly string[] ExpectedServices =
    [
        "postgres", "redis", "migrate",
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
    public async Task Config_Volumes_IncludeSharedSoftHsmTokens()
    {
        var result = await ComposeCli.RunAsync(TestContext.Current.CancellationToken, "config", "--volumes");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains("softhsm-tokens", Lines(result.StandardOutput));
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
        var result = await ComposeCli.RunAsync(TestContext.Current.CancellationToken, "config");
        Assert.True(result.ExitCode == 0, result.StandardError);

        var block = ServiceBlock(result.StandardOutput, service);

        Assert.Matches($@"(?m)^\s+DataCenter__Name: ""?{dataCentre}""?\s*$", block);
        Assert.Matches(@"(?m)^\s+Orleans__ClusterId: ""?nemlogin""?\s*$", block);
        Assert.Matches(@"(?m)^\s+ConnectionStrings__Orleans: .*Host=postgres", block);
    }

    [Theory]
    [InlineData("silo-dc1-a")]
    [InlineData("silo-dc2-b")]
    [InlineData("gateway-dc1")]
    public async Task Config_ClusterService_StartsOnlyAfterTheSchemaMigration(string service)
    {
        var result = await ComposeCli.RunAsync(TestContext.Current.CancellationToken, "config");
        Assert.True(result.ExitCode == 0, result.StandardError);

        var block = ServiceBlock(result.StandardOutput, service);

        Assert.Matches(@"(?m)^\s+migrate:\s*\n\s+condition: service_completed_successfully\s*$", block);
    }

    private static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string ServiceBlock(string config, string service) => RenderedCompose.ServiceBlock(config, service);
}
