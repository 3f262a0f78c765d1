using Orleans;

namespace NemLogin.Gateway.Admin;

/// <summary>The administration API under <c>/api/admin</c> (section <c>Admin</c>).</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>Shortest key accepted: a bearer key is the only thing between the internet and the SP registry.</summary>
    public const int MinimumKeyLength = 32;

    /// <summary>
    /// The key callers send as <c>Authorization: Bearer …</c>. Unset: the API is off and every path under it answers 404.
    /// </summary>
    [Redact]
    public string? ApiKey { get; set; }
}
