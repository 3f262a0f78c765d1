using System.Text;
using NemLogin.Gateway.Tests.Support;

namespace NemLogin.Gateway.Tests.Admin;

/// <summary>An SP's metadata URL on loopback: serves whatever document the test sets, and counts fetches.</summary>
public sealed class MetadataServer : IAsyncDisposable
{
    private readonly LoopbackHttpServer _server;
    private int _fetches;

    public MetadataServer()
    {
        _server = new LoopbackHttpServer(FreePort.Next(), async context =>
        {
            Interlocked.Increment(ref _fetches);
            var bytes = Encoding.UTF8.GetBytes(Document);
            context.Response.ContentType = "application/samlmetadata+xml";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
        });
        Url = _server.Origin + "/metadata.xml";
    }

    public string Url { get; }

    public string Document { get; set; } = string.Empty;

    public int Fetches => Volatile.Read(ref _fetches);

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
