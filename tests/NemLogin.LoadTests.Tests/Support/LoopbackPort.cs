using System.Net;
using System.Net.Sockets;

namespace NemLogin.LoadTests.Tests.Support;

internal static class LoopbackPort
{
    /// <summary>A loopback TCP port free right now (the OS picks it).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
