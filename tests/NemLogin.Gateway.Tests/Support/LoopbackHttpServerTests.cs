using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace NemLogin.Gateway.Tests.Support;

/// <summary>
/// The tests' stand-in server outlives clients that leave mid-answer, as HAProxy does with a health check past its
/// timeout (it resets the connection). The loop it replaced stopped serving after the first such reset.
/// </summary>
public sealed class LoopbackHttpServerTests
{
    [Fact]
    public async Task ClientResetsBeforeTheAnswer_LaterRequestsStillAnswered()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var allReset = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new LoopbackHttpServer(FreePort.Next(), async context =>
        {
            if (context.Request.Url!.AbsolutePath == "/slow")
            {
                // Answer only after the client has reset the connection.
                await allReset.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellation);
                await Task.Delay(100, cancellation);
            }

            context.Response.StatusCode = 200;
            await context.Response.OutputStream.WriteAsync("ok"u8.ToArray(), cancellation);
        });

        for (var i = 0; i < 3; i++)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(IPAddress.Loopback, server.Port, cancellation);
            await socket.SendAsync(Encoding.ASCII.GetBytes("GET /slow HTTP/1.0\r\n\r\n"), cancellation);
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }

        allReset.SetResult();

        await Task.Delay(500, cancellation);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var answer = await http.GetStringAsync(server.Origin + "/", cancellation);

        Assert.Equal("ok", answer);
    }
}
