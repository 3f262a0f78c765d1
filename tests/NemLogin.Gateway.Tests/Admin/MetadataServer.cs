using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NemLogin.Gateway.Tests.Admin;

/// <summary>An SP's metadata URL on loopback: serves whatever document the test sets, and counts fetches.</summary>
public sealed class MetadataServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _fetches;

    public MetadataServer()
    {
        var port = FreeLoopbackPort();
        Url = $"http://127.0.0.1:{port}/metadata.xml";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = ServeAsync();
    }

    public string Url { get; }

    public string Document { get; set; } = string.Empty;

    public int Fetches => Volatile.Read(ref _fetches);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
            // Stopping the listener ends the pending accept.
        }

        _listener.Close();
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var context = await _listener.GetContextAsync();
            Interlocked.Increment(ref _fetches);
            var bytes = Encoding.UTF8.GetBytes(Document);
            context.Response.ContentType = "application/samlmetadata+xml";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
