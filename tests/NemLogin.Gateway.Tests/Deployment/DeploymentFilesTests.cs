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

    [Fact]
    public void NginxConf_ServesTlsOnlyAndForwardsWhatTheBrokerReads()
    {
        // The headers the gateways believe from the proxy (ForwardedHeaders:KnownProxies): the client address nginx saw
        // appended last, the scheme the browser used, its host. Proxy/ReverseProxyTests runs nginx with these very lines.
        var text = File.ReadAllText(RepositoryRoot.File("deploy", "nginx.conf"));

        var listens = Listen().Matches(text).Select(m => m.Groups[1].Value.Trim()).ToArray();
        var headers = NemLogin.Gateway.Tests.Proxy.NginxProxy.ShippedHeaderLines();

        Assert.NotEmpty(listens);
        Assert.All(listens, listen => Assert.EndsWith(" ssl", listen, StringComparison.Ordinal));
        Assert.Contains("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;", headers);
        Assert.Contains("proxy_set_header X-Forwarded-Proto $scheme;", headers);
        Assert.Contains("proxy_set_header X-Forwarded-Host $http_host;", headers);
    }

    [GeneratedRegex(@"(?m)^\s*listen\s+([^;]+);")]
    private static partial Regex Listen();

    [GeneratedRegex(@"dotnet publish (\S+\.csproj)")]
    private static partial Regex PublishedProject();

    [GeneratedRegex(@"(?m)^\s*server (\S+?:\d+)\b")]
    private static partial Regex UpstreamServer();
}
