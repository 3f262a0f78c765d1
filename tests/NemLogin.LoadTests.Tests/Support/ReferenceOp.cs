using System.Diagnostics;
using Xunit;

namespace NemLogin.LoadTests.Tests.Support;

/// <summary>
/// The reference OP of loadtests/reference-op (oidc-provider under Node.js) on a free loopback port, its packages
/// installed with <c>npm ci</c> first when they are not there yet.
/// </summary>
public sealed class ReferenceOp : IAsyncDisposable
{
    private readonly Process _process;

    private ReferenceOp(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public int ProcessId => _process.Id;

    public static async Task<ReferenceOp> StartAsync(CancellationToken cancellationToken)
    {
        var folder = Folder();
        if (!File.Exists(Path.Combine(folder, "node_modules", "oidc-provider", "package.json")))
        {
            await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], folder, cancellationToken);
        }

        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("server.mjs");
        start.Environment["NODE_ENV"] = "production";
        start.Environment["REFERENCE_OP_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var op = new ReferenceOp(process, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await WaitForDiscoveryAsync(op, process, cancellationToken);
            return op;
        }
        catch
        {
            await op.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static async Task WaitForDiscoveryAsync(ReferenceOp op, Process process, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var discovery = new Uri(op.BaseUrl, ".well-known/openid-configuration");
        for (var tries = 0; ; tries++)
        {
            try
            {
                using var response = await http.GetAsync(discovery, cancellationToken);
                response.EnsureSuccessStatusCode();
                return;
            }
            // Up to a minute: node loading oidc-provider and making its key can be slow while the suite's brokers share the cores.
            catch (HttpRequestException) when (tries < 300 && !process.HasExited)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    private static string Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NemLogin.Orleans.sln")))
            {
                return Path.Combine(dir.FullName, "loadtests", "reference-op");
            }
        }

        throw new DirectoryNotFoundException("loadtests/reference-op not found above " + AppContext.BaseDirectory);
    }

    private static async Task RunAsync(string fileName, IEnumerable<string> arguments, string folder, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Assert.True(process.ExitCode == 0, $"{fileName} failed: {await stderr}");
    }
}
