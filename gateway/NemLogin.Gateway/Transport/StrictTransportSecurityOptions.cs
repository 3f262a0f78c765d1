using System.ComponentModel.DataAnnotations;

namespace NemLogin.Gateway.Transport;

/// <summary>The <c>Strict-Transport-Security</c> header the broker sends over https (section <c>Hsts</c>, RFC 6797).</summary>
public sealed class StrictTransportSecurityOptions
{
    public const string SectionName = "Hsts";

    /// <summary>How long browsers use only https for the broker's host. One year; zero tells them to forget (RFC 6797 6.1.1).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "730.00:00:00")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Also every subdomain of the broker's host: only when the operator knows all of them serve https.</summary>
    public bool IncludeSubDomains { get; set; }
}
