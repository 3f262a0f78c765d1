using StackExchange.Redis;

namespace NemLogin.ClusterTls;

/// <summary>How silos and gateways connect to Redis: the configured string, kept reconnecting, TLS trusting the stores' CA.</summary>
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

        return options;
    }
}
