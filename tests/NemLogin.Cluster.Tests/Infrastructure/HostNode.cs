namespace NemLogin.Cluster.Tests.Infrastructure;

/// <summary>
/// One silo or gateway of the cluster under test: the same assembly, ports and settings every time it is (re)started,
/// so a node killed by a fault comes back as a new incarnation of the same member.
/// </summary>
internal sealed class HostNode(string name, string dataCentre, string assembly, int httpPort, IReadOnlyDictionary<string, string> environment, string logFolder)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private int _incarnation;

    public string Name { get; } = name;

    public string DataCentre { get; } = dataCentre;

    public int HttpPort { get; } = httpPort;

    public string BaseUrl => $"http://127.0.0.1:{HttpPort}";

    public ChildProcess? Process { get; private set; }

    public bool IsRunning => Process is { HasExited: false };

    public void Start()
    {
        var log = Path.Combine(logFolder, $"{Name}.{++_incarnation}.log");
        Process = ChildProcess.Start(log, environment, "dotnet", assembly);
    }

    public Task WaitReadyAsync(TimeSpan timeout) =>
        Readiness.WaitForHttpOkAsync(Http, BaseUrl + "/health/ready", timeout, () => Process is { HasExited: true } p ? p.LogTail() : null);

    public async Task StartAndWaitReadyAsync(TimeSpan timeout)
    {
        Start();
        await WaitReadyAsync(timeout);
    }

    public async Task<(int Status, string Body)> ReadinessAsync()
    {
        try
        {
            using var response = await Http.GetAsync(BaseUrl + "/health/ready");
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return (0, ex.Message);
        }
    }

    /// <summary>
    /// Waits until this incarnation's output holds every one of <paramref name="texts"/> (the console logger writes in
    /// the background); false when they are not all there by <paramref name="timeout"/>.
    /// </summary>
    public Task<bool> LogShowsAsync(TimeSpan timeout, params string[] texts) => AnyLogShowsAsync([this], timeout, texts);

    /// <summary>As <see cref="LogShowsAsync"/>, for the output of any one of <paramref name="nodes"/>.</summary>
    public static async Task<bool> AnyLogShowsAsync(IReadOnlyList<HostNode> nodes, TimeSpan timeout, params string[] texts)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            foreach (var node in nodes)
            {
                var log = node.Process is { } process ? process.LogTail(int.MaxValue) : "";
                if (texts.All(text => log.Contains(text, StringComparison.Ordinal)))
                {
                    return true;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(200);
        }
    }

    public async Task KillAsync()
    {
        if (Process is { } process)
        {
            await process.KillAsync();
        }
    }
}
