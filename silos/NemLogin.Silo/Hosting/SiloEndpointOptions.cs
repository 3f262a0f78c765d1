namespace NemLogin.Silo.Hosting;

/// <summary>The silo's cluster identity and ports, from the <c>Orleans</c> configuration section.</summary>
public sealed class SiloEndpointOptions
{
    public const string SectionName = "Orleans";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    public string ClusterId { get; set; } = "nemlogin";

    public string ServiceId { get; set; } = "nemlogin";
}
