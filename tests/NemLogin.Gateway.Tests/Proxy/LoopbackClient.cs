using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace NemLogin.Gateway.Tests.Proxy;

/// <summary>
/// A client with its own loopback source address (all of 127.0.0.0/8 is this machine on Linux), so each simulated
/// client is a different address to whoever it connects to. Every host name resolves to <c>127.0.0.1:port</c>; https
/// trusts exactly one certificate (by SHA-256). No redirects followed, no cookies kept: tests read what was sent.
/// </summary>
public static class LoopbackClient
{
    public static HttpClient Create(IPAddress source, int port, string? certificateSha256 = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && certificateSha256 is not null
            && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), certificateSha256, StringComparison.OrdinalIgnoreCase);
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The n-th simulated client's address, 127.0.0.{n}.</summary>
    public static IPAddress Address(int n) => new([127, 0, 0, (byte)n]);
}
