using System.Net;

namespace NemLogin.Gateway.Tests.Support;

/// <summary>
/// A small HTTP server on 127.0.0.1 for the stand-ins the tests need (an SP's metadata URL, a gateway's health checks,
/// an OpenTelemetry collector). Each request is answered on its own, and a client that goes away mid-answer costs only
/// that request. A single loop that let the write's exception escape stopped serving for good: HAProxy resets a health
/// check that waits past its one-second timeout, so on a loaded machine one slow answer left a stand-in gateway DOWN
/// for the rest of its test.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerContext, Task> _answer;
    private readonly Task _accepting;

    /// <param name="port">A free loopback port (the caller's port allocator).</param>
    /// <param name="answer">Sets the response for one request; the server closes it afterwards.</param>
    public LoopbackHttpServer(int port, Func<HttpListenerContext, Task> answer)
    {
        Port = port;
        _answer = answer;
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _accepting = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    public string Origin => $"http://127.0.0.1:{Port}";

    public async ValueTask DisposeAsync()
    {
        _listener.Close();
        await _accepting;
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // Closed.
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            await _answer(context);
            context.Response.Close();
        }
        catch (Exception)
        {
            // The client went away (a reset health check, a timed-out fetch) or the test's answer failed: this
            // connection is cut, so its client fails at once, and the next request is unaffected.
            context.Response.Abort();
        }
    }
}
