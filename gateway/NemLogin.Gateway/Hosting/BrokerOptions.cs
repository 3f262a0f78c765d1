using System.ComponentModel.DataAnnotations;

namespace NemLogin.Gateway.Hosting;

/// <summary>The broker's identity as the outside world sees it (section <c>Broker</c>).</summary>
public sealed class BrokerOptions
{
    public const string SectionName = "Broker";

    /// <summary>Public base URL (scheme, host, port, no trailing slash). Empty: taken from the server's first address.</summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    /// <summary>The IdP entityID. Empty: <c>{PublicBaseUrl}/saml/metadata</c>.</summary>
    public string? EntityId { get; set; }

    [Required]
    public string OrganizationName { get; set; } = "NemLogin.Orleans";

    [EmailAddress]
    public string? ContactEmail { get; set; }

    /// <summary>Folder for local data (demo keys). Relative paths are relative to the current directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = ".nemlogin-data";
}
