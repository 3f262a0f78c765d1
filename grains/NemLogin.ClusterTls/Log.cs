using Microsoft.Extensions.Logging;

namespace NemLogin.ClusterTls;

/// <summary>Log lines of the cluster's TLS (7000-7099). They name certificates by subject and thumbprint, never keys.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Warning, Message = "Cluster TLS: refused the {Side} certificate {Subject} ({Thumbprint}) on a {Connection} connection: it {Reason}")]
    public static partial void CertificateRefused(ILogger logger, string side, string subject, string thumbprint, string connection, string reason);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Cluster TLS on: this {Role} presents {Subject} ({Thumbprint}, valid to {NotAfter:u}) and accepts only certificates of the cluster CA {Ca}")]
    public static partial void TlsOn(ILogger logger, string role, string subject, string thumbprint, DateTime notAfter, string ca);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Cluster TLS off (Development): silo and gateway ports accept anyone who can reach them")]
    public static partial void TlsOff(ILogger logger);
}
