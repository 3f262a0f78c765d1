using StackExchange.Redis;

namespace NemLogin.ClusterTls;

/// <summary>
/// How silos and gateways connect to Redis: the configured string, kept reconnecting, TLS trusting the stores' CA. With
/// <c>serviceName=</c> the endpoints are Sentinels: the client asks them for the master of that service and follows
/// their failover to a promoted replica without a restart.
/// </summary>
public static class ClusterRedis
{
    /// <summary>
    /// Parses <paramref name="configuration"/> (a StackExchange.Redis string); the process keeps running and reconnecting
    /// while Redis restarts (readiness reports it). With <c>ssl=true</c> and a <paramref name="storeCaPath"/>, only a server
    /// certificate issued by that CA is accepted.
    /// </summary>
    public static ConfigurationOptions Options(string configuration, string? storeCaPath)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        if (options.Ssl && !string.IsNullOrWhiteSpace(storeCaPath))
        {
            options.TrustIssuer(storeCaPath);
        }

        // Sentinels demand the same password as the Redis servers they watch (docs/cluster.md, "Redis through Sentinel").
        if (!string.IsNullOrEmpty(options.ServiceName) && string.IsNullOrEmpty(options.SentinelPassword))
        {
            options.SentinelPassword = options.Password;
        }

        return options;
    }
}
