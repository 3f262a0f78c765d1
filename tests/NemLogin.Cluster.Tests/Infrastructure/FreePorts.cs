using System.Net;
using System.Net.Sockets;

namespace NemLogin.Cluster.Tests.Infrastructure;

/// <summary>Loopback ports nobody listens on, handed out once per process so two takes never collide.</summary>
internal static class FreePorts
{
    private static readonly HashSet<int> Taken = [];

    public static int Next()
    {
        lock (Taken)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (Taken.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
