using System.Net.Sockets;

namespace NemLogin.Cluster.Tests.Infrastructure;

/// <summary>Waiting for a started process to serve: polls until ready, a deadline, or the process reports it died.</summary>
internal static class Readiness
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);

    public static async Task WaitForTcpAsync(int port, TimeSpan timeout, Func<string?> deathNotice)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                if (deathNotice() is { } notice)
                {
                    throw new InvalidOperationException($"The process for port {port} exited: {notice}");
                }

                await Task.Delay(Pause);
            }
        }
    }

    public static async Task WaitForHttpOkAsync(HttpClient http, string url, TimeSpan timeout, Func<string?> deathNotice)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            if (deathNotice() is { } notice)
            {
                throw new InvalidOperationException($"The process serving {url} exited: {notice}");
            }

            try
            {
                using var response = await http.GetAsync(url);
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex.Message;
            }

            await Task.Delay(Pause);
        }

        throw new TimeoutException($"{url} was not ready within {timeout}: {last}");
    }
}
