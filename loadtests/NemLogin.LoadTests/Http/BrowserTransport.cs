using System.Net;

namespace NemLogin.LoadTests.Http;

/// <summary>
/// The one connection pool all virtual users share. Cookies and redirects are off here: each virtual user keeps its
/// own cookies (<see cref="VirtualBrowser"/>) and follows each redirect as its own step, so every hop is measured.
/// </summary>
public sealed class BrowserTransport : IDisposable
{
    public BrowserTransport(TimeSpan requestTimeout)
    {
        RequestTimeout = requestTimeout;
        Invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            MaxConnectionsPerServer = int.MaxValue,
        });
    }

    public HttpMessageInvoker Invoker { get; }

    public TimeSpan RequestTimeout { get; }

    public void Dispose() => Invoker.Dispose();
}
