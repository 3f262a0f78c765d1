using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace NemLogin.Cluster.Tests.Infrastructure;

/// <summary>
/// A caller on the network that speaks raw TCP or TLS to a port, as an attacker would: it accepts whatever certificate
/// the server shows (it only wants in), presents the certificate it has, if any, and reports what came back. A refusal is
/// the connection ending without application data; under TLS 1.3 a client learns that its certificate was refused only
/// when it reads, so every probe reads.
/// </summary>
internal static class TlsProbe
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>The outcome of one probe: bytes the server sent before the end, its certificate, the protocol.</summary>
    public sealed record Answer(byte[] Data, X509Certificate2? ServerCertificate, SslProtocols Protocol)
    {
        public string Text => Encoding.ASCII.GetString(Data);
    }

    /// <summary>Plain TCP: sends <paramref name="payload"/>, reads until the server closes.</summary>
    public static async Task<byte[]> PlainAsync(int port, byte[] payload)
    {
        using var limit = new CancellationTokenSource(Limit);
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, limit.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(payload, limit.Token);
        return await ReadToEndAsync(stream, stopAfterAny: false, limit.Token);
    }

    /// <summary>
    /// TLS with <paramref name="certificate"/> (null: none): sends <paramref name="payload"/> and returns what the server
    /// sends first. Empty data: refused (handshake failed, or the server closed without a word).
    /// </summary>
    public static async Task<Answer> TlsAsync(int port, X509Certificate2? certificate, byte[] payload)
    {
        using var limit = new CancellationTokenSource(Limit);
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, limit.Token);
        await using var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = "127.0.0.1",
            EnabledSslProtocols = SslProtocols.Tls13 | SslProtocols.Tls12,
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
            LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate!,
        };
        try
        {
            await tls.AuthenticateAsClientAsync(options, limit.Token);
            var server = tls.RemoteCertificate is { } remote ? X509CertificateLoader.LoadCertificate(remote.GetRawCertData()) : null;
            if (payload.Length > 0)
            {
                await tls.WriteAsync(payload, limit.Token);
            }

            return new Answer(await ReadToEndAsync(tls, stopAfterAny: true, limit.Token), server, tls.SslProtocol);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException)
        {
            return new Answer([], null, SslProtocols.None);
        }
    }

    /// <summary>Reads until the end of the stream (or, with <paramref name="stopAfterAny"/>, the first bytes); a reset ends it too.</summary>
    private static async Task<byte[]> ReadToEndAsync(Stream stream, bool stopAfterAny, CancellationToken cancellationToken)
    {
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                received.Write(buffer, 0, read);
                if (stopAfterAny)
                {
                    break;
                }
            }
        }
        catch (IOException)
        {
            // Reset by the server: what arrived before is the answer.
        }
        catch (AuthenticationException)
        {
            // A TLS alert read after the handshake: the server refused the client's certificate.
        }

        return received.ToArray();
    }
}
