namespace NemLogin.Gateway.Hosting;

/// <summary>
/// How a cluster-mode gateway finds and labels itself in the cluster: <c>Orleans:ClusterId</c>, <c>Orleans:ServiceId</c>,
/// <c>DataCenter:Name</c>, <c>ConnectionStrings:Orleans</c> (PostgreSQL membership, where the gateway finds silos) and
/// <c>ConnectionStrings:Redis</c> (the data-protection key ring all gateways share).
/// </summary>
public sealed class ClusterClientOptions
{
    public string ClusterId { get; set; } = "nemlogin";

    public string ServiceId { get; set; } = "nemlogin";

    public string DataCentre { get; set; } = "";

    [Redact]
    public string? PostgresConnectionString { get; set; }

    [Redact]
    public string? RedisConfiguration { get; set; }

    public static ClusterClientOptions Read(IConfiguration configuration) => new()
    {
        ClusterId = configuration["Orleans:ClusterId"] ?? "nemlogin",
        ServiceId = configuration["Orleans:ServiceId"] ?? "nemlogin",
        DataCentre = configuration["DataCenter:Name"] ?? "",
        PostgresConnectionString = configuration.GetConnectionString("Orleans"),
        RedisConfiguration = configuration.GetConnectionString("Redis"),
    };
}
