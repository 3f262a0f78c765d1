using System.Net;
using System.Net.Sockets;
using NemLogin.LoadTests.Broker;
using Xunit;

namespace NemLogin.LoadTests.Tests.Broker;

public sealed class BrokerProcessLocatorTests
{
    [Fact]
    public void Find_PortThisProcessListensOn_IsThisProcess()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        Assert.Equal(Environment.ProcessId, BrokerProcessLocator.Find(new Uri($"http://127.0.0.1:{port}/")));
    }

    [Fact]
    public void Find_TargetOnAnotherMachine_IsNull()
    {
        Assert.Null(BrokerProcessLocator.Find(new Uri("https://broker.example.dk/")));
    }

    [Fact]
    public void ListeningInodes_TableLines_OnlyListeningSocketsOnThePort()
    {
        string[] lines =
        [
            "   0: 0100007F:13EB 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 111 1 0 100 0 0 10 0",
            "   1: 0100007F:13EB 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 222 1 0 20 4 30 10 -1",
            "   2: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 333 1 0 100 0 0 10 0",
        ];

        Assert.Equal(["111"], BrokerProcessLocator.ListeningInodes(lines, 0x13EB));
    }
}
