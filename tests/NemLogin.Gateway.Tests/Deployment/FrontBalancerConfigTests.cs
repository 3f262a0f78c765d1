using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Xunit;

namespace NemLogin.Gateway.Tests.Deployment;

/// <summary>
/// The front balancer of docker-compose.yml is HAProxy with deploy/haproxy.cfg in front of both data centres' gateways,
/// and HAProxy itself (`haproxy -c`) accepts that file with compose's settings and with scripts/cluster.sh's.
/// The cluster tests (DataCentres/FrontBalancerTests) run the same file with real gateways.
/// </summary>
public sealed class FrontBalancerConfigTests
{
    private static readonly string Config = RepositoryRoot.File("deploy", "haproxy.cfg");

    [Fact]
    public async Task Config_Proxy_IsHaproxyWithTheShippedFileInFrontOfBothGateways()
    {
        var block = await ProxyBlockAsync();

        Assert.Matches(@"(?m)^\s+image: haproxy:2\.6\s*$", block);
        Assert.Contains("deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro", block, StringComparison.Ordinal);
        Assert.Equal("gateway-dc1:8080", RenderedCompose.Setting(block, "NEMLOGIN_GATEWAY_DC1"));
        Assert.Equal("gateway-dc2:8080", RenderedCompose.Setting(block, "NEMLOGIN_GATEWAY_DC2"));
        Assert.Equal("/etc/haproxy/tls/tls.crt", RenderedCompose.Setting(block, "NEMLOGIN_LB_TLS_CERT"));
        // Production answers do not name internal servers.
        Assert.DoesNotContain("NEMLOGIN_LB_SERVED_BY", block, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HaproxyCheck_WithComposeSettings_AcceptsTheFile()
    {
        var block = await ProxyBlockAsync();
        var folder = Directory.CreateTempSubdirectory("nemlogin-haproxy-").FullName;
        try
        {
            WriteCertificate(folder);
            var result = await CheckAsync(new Dictionary<string, string>
            {
                ["NEMLOGIN_LB_BIND"] = "127.0.0.1:8443",
                ["NEMLOGIN_LB_TLS_CERT"] = Path.Combine(folder, "tls.crt"),
                ["NEMLOGIN_GATEWAY_DC1"] = RenderedCompose.Setting(block, "NEMLOGIN_GATEWAY_DC1"),
                ["NEMLOGIN_GATEWAY_DC2"] = RenderedCompose.Setting(block, "NEMLOGIN_GATEWAY_DC2"),
                ["NEMLOGIN_LB_DNS"] = RenderedCompose.Setting(block, "NEMLOGIN_LB_DNS"),
            });

            Assert.True(result.ExitCode == 0, result.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task HaproxyCheck_WithoutAGateway_RefusesTheFile()
    {
        // The check is real: a missing gateway address is an error, not a silently empty server.
        var result = await CheckAsync(new Dictionary<string, string>
        {
            ["NEMLOGIN_LB_BIND"] = "127.0.0.1:8443",
            ["NEMLOGIN_GATEWAY_DC1"] = "127.0.0.1:1",
        });

        Assert.NotEqual(0, result.ExitCode);
    }

    [Fact]
    public void HaproxyConfig_IsUnstickyHealthCheckedAndForwardsWhatTheBrokerReads()
    {
        var lines = File.ReadAllLines(Config).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        Assert.Contains("balance roundrobin", lines);
        Assert.Contains("http-check send meth GET uri /health/ready", lines);
        Assert.Contains("option forwardfor", lines);
        Assert.Contains(lines, l => l.StartsWith("http-request set-header X-Forwarded-Proto ", StringComparison.Ordinal));
        Assert.Contains("http-request set-header X-Forwarded-Host %[req.hdr(host)]", lines);
        // Never resend a request that reached a gateway (an AuthnRequest or a code redemption would run twice).
        Assert.Contains("retry-on conn-failure", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("cookie ", StringComparison.Ordinal) || l.StartsWith("stick", StringComparison.Ordinal)
            || l.StartsWith("balance source", StringComparison.Ordinal));
    }

    private static async Task<string> ProxyBlockAsync()
    {
        var result = await ComposeCli.RunAsync(TestContext.Current.CancellationToken, "config");
        Assert.True(result.ExitCode == 0, result.StandardError);
        return RenderedCompose.ServiceBlock(result.StandardOutput, "proxy");
    }

    private static void WriteCertificate(string folder)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(folder, "tls.crt"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "tls.key"), key.ExportPkcs8PrivateKeyPem());
    }

    private static async Task<(int ExitCode, string Output)> CheckAsync(IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("haproxy") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", "-f", Config })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("haproxy did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await error);
    }
}
