using System.Text.RegularExpressions;
using Xunit;

namespace NemLogin.Gateway.Tests.Deployment;

/// <summary>The files docker-compose.yml builds from point at things that exist.</summary>
public sealed partial class DeploymentFilesTests
{
    [Theory]
    [InlineData("silo.Dockerfile", "silos/NemLogin.Silo/NemLogin.Silo.csproj")]
    [InlineData("gateway.Dockerfile", "gateway/NemLogin.Gateway/NemLogin.Gateway.csproj")]
    public void Dockerfile_Publish_BuildsAnExistingProject(string dockerfile, string project)
    {
        var text = File.ReadAllText(RepositoryRoot.File("deploy", dockerfile));

        var published = PublishedProject().Matches(text).Select(m => m.Groups[1].Value).ToArray();

        Assert.Equal([project], published);
        Assert.True(File.Exists(RepositoryRoot.File(project.Split('/'))), $"{project} is missing");
    }

    [Fact]
    public void NginxUpstream_ListsBothDataCentreGateways()
    {
        var text = File.ReadAllText(RepositoryRoot.File("deploy", "nginx.conf"));

        var servers = UpstreamServer().Matches(text).Select(m => m.Groups[1].Value).Order().ToArray();

        Assert.Equal(["gateway-dc1:8080", "gateway-dc2:8080"], servers);
    }

    [GeneratedRegex(@"dotnet publish (\S+\.csproj)")]
    private static partial Regex PublishedProject();

    [GeneratedRegex(@"(?m)^\s*server (\S+?:\d+)\b")]
    private static partial Regex UpstreamServer();
}
