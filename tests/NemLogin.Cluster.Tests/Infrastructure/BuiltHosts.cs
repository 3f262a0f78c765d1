using System.Reflection;

namespace NemLogin.Cluster.Tests.Infrastructure;

/// <summary>The silo, gateway, demo gateway and embedded host assemblies this test build started from (same configuration), and the balancer's configuration.</summary>
internal static class BuiltHosts
{
    public static string Silo { get; } = Find("NemLogin.SiloAssembly");

    public static string Gateway { get; } = Find("NemLogin.GatewayAssembly");

    /// <summary>The development cluster gateway: <see cref="Gateway"/> plus the demo parts (MitID simulator, demo SP).</summary>
    public static string DemoGateway { get; } = Find("NemLogin.DemoGatewayAssembly");

    public static string Embedded { get; } = Find("NemLogin.EmbeddedAssembly");

    /// <summary>deploy/haproxy.cfg: the front balancer's configuration, the one scripts/cluster.sh and docker-compose run.</summary>
    public static string HaproxyConfig { get; } = Find("NemLogin.HaproxyConfig");

    private static string Find(string key)
    {
        var path = typeof(BuiltHosts).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
        var full = Path.GetFullPath(path);
        return File.Exists(full) ? full : throw new FileNotFoundException($"{key}: {full} was not built.", full);
    }
}
