namespace NemLogin.Silo.Management;

/// <summary>The silo's management HTTP surface (section <c>Management</c>): health, readiness and the dashboard.</summary>
public sealed class ManagementOptions
{
    public const string SectionName = "Management";

    /// <summary>
    /// Password of the <c>admin</c> user for the Orleans Dashboard (HTTP Basic, behind TLS at the proxy). Empty: the
    /// dashboard is not served at all.
    /// </summary>
    [Redact]
    public string? AdminPassword { get; set; }

    /// <summary>How long a stopping silo may take to hand over (deactivate grains, leave the cluster) before it exits.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
