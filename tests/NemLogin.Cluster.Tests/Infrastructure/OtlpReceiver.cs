using System.Collections.Concurrent;
using NemLogin.Gateway.Tests.Support;

namespace NemLogin.Cluster.Tests.Infrastructure;

/// <summary>
/// Stands in for an OpenTelemetry collector (OTLP over HTTP, protobuf): keeps every exported trace batch as bytes. Each
/// batch comes from one process, so a batch holding both a service name and a trace id says that process took part.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<byte[]> _traceBatches = new();
    private readonly LoopbackHttpServer _server;

    public OtlpReceiver()
    {
        _server = new LoopbackHttpServer(FreePorts.Next(), async context =>
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            if (context.Request.Url?.AbsolutePath == "/v1/traces")
            {
                _traceBatches.Enqueue(body.ToArray());
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
        });
    }

    public string Endpoint => _server.Origin;

    public bool HasBatch(string serviceName, byte[] traceId)
    {
        var name = System.Text.Encoding.UTF8.GetBytes(serviceName);
        return _traceBatches.Any(batch => batch.AsSpan().IndexOf(name) >= 0 && batch.AsSpan().IndexOf(traceId) >= 0);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
