using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;

namespace NemLogin.Gateway.Tests.Deployment;

/// <summary>
/// Runs Docker Compose against the repository's docker-compose.yml. `config` needs no Docker daemon. The compose
/// plugin (`docker compose`) is preferred; Debian's `docker-compose` (which test.sh installs) serves otherwise.
/// The variables come from an env file only (the committed .env.example unless a test names another), never from a
/// developer's .env. Results are shared between tests: the files do not change during a run, and each call costs a
/// second of CPU.
/// </summary>
internal static class ComposeCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly SemaphoreSlim Lock = new(1, 1);
    private static readonly ConcurrentDictionary<string, Lazy<Task<ProcessResult>>> Results = new();
    private static string[]? _command;

    /// <summary>The committed example of the variables docker-compose.yml needs.</summary>
    public static string ExampleEnvFile => RepositoryRoot.File(".env.example");

    public static Task<ProcessResult> RunAsync(CancellationToken cancellationToken, params string[] arguments) =>
        RunWithEnvFileAsync(ExampleEnvFile, cancellationToken, arguments);

    public static Task<ProcessResult> RunWithEnvFileAsync(string envFile, CancellationToken cancellationToken, params string[] arguments) =>
        Results.GetOrAdd(envFile + '\0' + string.Join('\0', arguments), _ => new Lazy<Task<ProcessResult>>(() => RunComposeAsync(envFile, arguments)))
            .Value.WaitAsync(cancellationToken);

    private static async Task<ProcessResult> RunComposeAsync(string envFile, string[] arguments)
    {
        var command = await FindAsync(CancellationToken.None);
        string[] files = ["--env-file", envFile, "-f", RepositoryRoot.File("docker-compose.yml")];
        return await RunProcessAsync([.. command, .. files, .. arguments], CancellationToken.None)
            ?? throw new InvalidOperationException($"{string.Join(' ', command)} disappeared.");
    }

    private static async Task<string[]> FindAsync(CancellationToken cancellationToken)
    {
        await Lock.WaitAsync(cancellationToken);
        try
        {
            foreach (var candidate in new[] { new[] { "docker", "compose" }, ["docker-compose"] })
            {
                if (_command is null && await RunProcessAsync([.. candidate, "version"], cancellationToken) is { ExitCode: 0 })
                {
                    _command = candidate;
                }
            }

            return _command ?? throw new InvalidOperationException(
                "Neither `docker compose` nor `docker-compose` runs here; ./test.sh installs Debian's docker-compose.");
        }
        finally
        {
            Lock.Release();
        }
    }

    /// <summary>Runs a program to its end; null when it cannot be started (not installed).</summary>
    private static async Task<ProcessResult?> RunProcessAsync(string[] commandLine, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(commandLine[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot.Path,
        };
        foreach (var argument in commandLine[1..])
        {
            start.ArgumentList.Add(argument);
        }

        // docker-compose.yml's variables come from the env file alone: the test runner's own environment never fills a gap.
        foreach (var name in start.Environment.Keys.Where(ComposeVariable).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception)
        {
            return null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new ProcessResult(process.ExitCode, await output, await error);
    }

    private static bool ComposeVariable(string name) =>
        name.StartsWith("NEMLOGIN_", StringComparison.Ordinal) || name.StartsWith("POSTGRES_", StringComparison.Ordinal)
        || name.StartsWith("REDIS_", StringComparison.Ordinal) || name.StartsWith("OTEL_", StringComparison.Ordinal);
}
