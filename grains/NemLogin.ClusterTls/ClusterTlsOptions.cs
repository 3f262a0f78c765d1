using Microsoft.Extensions.Configuration;

namespace NemLogin.ClusterTls;

/// <summary>
/// This process's identity in the cluster's mutual TLS (section <c>ClusterTls</c>): its certificate and key (PEM files
/// the silo's <c>certs</c> verb issues), and the cluster CA, the only issuer whose certificates a silo or gateway accepts
/// from the other side. Required outside Development; with none of them set a development cluster speaks plain TCP.
/// </summary>
public sealed class ClusterTlsOptions
{
    public const string SectionName = "ClusterTls";

    /// <summary>PEM file with this node's certificate, issued by the cluster CA for its role (silo or gateway).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM file with the certificate's private key (PKCS#8, encrypted when <see cref="KeyPassword"/> is set).</summary>
    public string? KeyPath { get; set; }

    /// <summary>The password of an encrypted <see cref="KeyPath"/>; empty for a key protected by file permissions alone.</summary>
    [Redact]
    public string? KeyPassword { get; set; }

    /// <summary>
    /// PEM file with the cluster CA's certificate: the one trust anchor for silo and gateway connections. During a CA
    /// rollover it holds the old and the new CA's certificates.
    /// </summary>
    public string? CaPath { get; set; }

    /// <summary>
    /// PEM file with the CA of the stores' server certificates: Redis connections with <c>ssl=true</c> accept only a
    /// certificate that chains to it (PostgreSQL names its own in <c>Root Certificate=</c> of its connection string).
    /// Empty: the machine's trust store.
    /// </summary>
    public string? StoreCaPath { get; set; }

    /// <summary>True when any of the node's TLS files is named: then all of them must be.</summary>
    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(CertificatePath) || !string.IsNullOrWhiteSpace(KeyPath) || !string.IsNullOrWhiteSpace(CaPath);

    public static ClusterTlsOptions Read(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<ClusterTlsOptions>() ?? new();
}
