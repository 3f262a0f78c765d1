using System.Collections.Concurrent;
using System.Net;

namespace NemLogin.Cluster.Tests.Infrastructure;

/// <summary>
/// Stands in for an OpenTelemetry collector (OTLP over HTTP, protobuf): keeps every exported trace batch as bytes. Each
/// batch comes from one process, so a batch holding both a service name and a trace id says that process took part.
/// </summary>
internal sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<byte[]> _traceBatches = new();

    public OtlpReceiver()
    {
        Port = FreePorts.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    public bool HasBatch(string serviceName, byte[] traceId)
    {
        var name = System.Text.Encoding.UTF8.GetBytes(serviceName);
        return _traceBatches.Any(batch => batch.AsSpan().IndexOf(name) >= 0 && batch.AsSpan().IndexOf(traceId) >= 0);
    }

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            if (context.Request.Url?.AbsolutePath == "/v1/traces")
            {
                _traceBatches.Enqueue(body.ToArray());
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
