using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using NemLogin.Gateway.Tests.Deployment;
using NemLogin.Gateway.Tests.Support;

namespace NemLogin.Gateway.Tests.Proxy;

/// <summary>
/// A real nginx (Debian's package) in front of a broker on loopback: its own configuration, certificate, pid, logs and
/// temp folders in a temp folder, in the foreground (<c>daemon off</c>) as a child of the test, TLS on a free loopback
/// port with a self-signed certificate made here. The proxy_set_header lines are those of deploy/nginx.conf, so what
/// the tests prove holds for the shipped proxy. Stopped (and the folder removed) on dispose.
/// </summary>
public sealed partial class NginxProxy : IAsyncDisposable
{
    /// <summary>The host name the certificate is for; clients connect to loopback under this name.</summary>
    public const string HostName = "broker.test";

    private const string Binary = "/usr/sbin/nginx";
    private readonly string _folder;
    private readonly Process _process;

    private NginxProxy(string folder, int port, string certificateSha256, Process process)
    {
        _folder = folder;
        Port = port;
        CertificateSha256 = certificateSha256;
        _process = process;
    }

    public int Port { get; }

    /// <summary>SHA-256 of the proxy's certificate: clients trust exactly this certificate.</summary>
    public string CertificateSha256 { get; }

    /// <summary>The base URL browsers use: https, the certificate's host name, the proxy's port.</summary>
    public string BaseUrl => string.Create(CultureInfo.InvariantCulture, $"https://{HostName}:{Port}");

    public static async Task<NginxProxy> StartAsync(int upstreamPort)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing; ./test.sh installs the Debian package nginx.");
        }

        var folder = Directory.CreateTempSubdirectory("nemlogin-nginx-").FullName;
        // nginx's workers run as an unprivileged user when the tests run as root: they must reach their temp folders.
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var fingerprint = WriteCertificate(folder);
        var port = FreePort.Next();
        var config = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(config, Configuration(folder, port, upstreamPort));

        var start = new ProcessStartInfo(Binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-e", Path.Combine(folder, "error.log"), "-p", folder, "-c", config })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start.");
        var proxy = new NginxProxy(folder, port, fingerprint, process);
        try
        {
            await proxy.WaitListeningAsync();
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }

        return proxy;
    }

    public string ErrorLog() => File.Exists(Path.Combine(_folder, "error.log")) ? File.ReadAllText(Path.Combine(_folder, "error.log")) : "";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // Fast shutdown through nginx's own signal (its pid file), which also ends the workers; kill what is left.
            using var stop = Process.Start(Binary, ["-e", Path.Combine(_folder, "error.log"), "-p", _folder, "-c", Path.Combine(_folder, "nginx.conf"), "-s", "stop"]);
            await stop.WaitForExitAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task WaitListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync()} {ErrorLog()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException("nginx did not listen within 20 s: " + ErrorLog());
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static string WriteCertificate(string folder)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + HostName, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(HostName);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(folder, "tls.crt"), certificate.ExportCertificatePem());
        var keyFile = Path.Combine(folder, "tls.key");
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }

    private static string Configuration(string folder, int port, int upstreamPort)
    {
        var text = new StringBuilder();
        text.AppendLine("daemon off;");
        text.AppendLine("worker_processes 1;");
        text.AppendLine(CultureInfo.InvariantCulture, $"pid {folder}/nginx.pid;");
        text.AppendLine(CultureInfo.InvariantCulture, $"error_log {folder}/error.log warn;");
        text.AppendLine("events { worker_connections 256; }");
        text.AppendLine("http {");
        text.AppendLine(CultureInfo.InvariantCulture, $"  access_log {folder}/access.log;");
        foreach (var temp in new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" })
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {temp}_temp_path {folder}/{temp}-temp;");
        }

        text.AppendLine("  server {");
        text.AppendLine(CultureInfo.InvariantCulture, $"    listen 127.0.0.1:{port} ssl;");
        text.AppendLine(CultureInfo.InvariantCulture, $"    server_name {HostName};");
        text.AppendLine(CultureInfo.InvariantCulture, $"    ssl_certificate {folder}/tls.crt;");
        text.AppendLine(CultureInfo.InvariantCulture, $"    ssl_certificate_key {folder}/tls.key;");
        text.AppendLine("    location / {");
        text.AppendLine(CultureInfo.InvariantCulture, $"      proxy_pass http://127.0.0.1:{upstreamPort};");
        text.AppendLine("      proxy_http_version 1.1;");
        foreach (var header in ShippedHeaderLines())
        {
            text.AppendLine("      " + header);
        }

        text.AppendLine("    }");
        text.AppendLine("  }");
        text.AppendLine("}");
        return text.ToString();
    }

    /// <summary>The proxy_set_header lines of deploy/nginx.conf, the contract between the shipped proxy and the broker.</summary>
    internal static IReadOnlyList<string> ShippedHeaderLines()
    {
        var lines = ProxySetHeader().Matches(File.ReadAllText(RepositoryRoot.File("deploy", "nginx.conf"))).Select(m => m.Value.Trim()).ToList();
        return lines.Count > 0 ? lines : throw new InvalidOperationException("deploy/nginx.conf sets no proxy headers.");
    }

    [GeneratedRegex(@"(?m)^\s*proxy_set_header\s+[^;]+;")]
    private static partial Regex ProxySetHeader();
}
