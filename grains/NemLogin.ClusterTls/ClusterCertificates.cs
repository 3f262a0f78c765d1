using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NemLogin.ClusterTls;

/// <summary>
/// This node's certificate (with its private key) and the cluster CA it trusts (one certificate, or two during a CA
/// rollover), loaded and checked at start-up.
/// </summary>
public sealed record ClusterCertificates(X509Certificate2 Local, X509Certificate2Collection ClusterCas, ClusterRole Role)
{
    /// <summary>
    /// Loads the files <paramref name="options"/> names and checks them for a node of <paramref name="role"/>: every
    /// problem named (a file, never a key or password). Null certificates and no problems: TLS is off (allowed only when
    /// <paramref name="required"/> is false).
    /// </summary>
    public static (ClusterCertificates? Certificates, IReadOnlyList<string> Problems) Load(
        ClusterTlsOptions options, ClusterRole role, bool required, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsConfigured)
        {
            return required
                ? (null, ["ClusterTls:CertificatePath, ClusterTls:KeyPath and ClusterTls:CaPath are required outside Development: silo and gateway ports speak mutual TLS, so that nobody else on the network can call grains (docs/cluster.md, \"Mutual TLS\")."])
                : (null, []);
        }

        var problems = new List<string>();
        foreach (var (setting, path) in new[] { ("CertificatePath", options.CertificatePath), ("KeyPath", options.KeyPath), ("CaPath", options.CaPath) })
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                problems.Add($"ClusterTls:{setting} is required when any ClusterTls file is set.");
            }
            else if (!File.Exists(path))
            {
                problems.Add($"ClusterTls:{setting} '{path}' does not exist.");
            }
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var cas = LoadCas(options.CaPath!, problems);
        var local = LoadLocal(options, problems);
        if (cas is null || local is null)
        {
            local?.Dispose();
            return (null, problems);
        }

        if (new ClusterCertificatePolicy(cas, time).Refusal(local, null, role) is { } refusal)
        {
            problems.Add($"ClusterTls:CertificatePath '{options.CertificatePath}' (subject {local.Subject}) {refusal}: issue a {role.ToString().ToLowerInvariant()} certificate with `NemLogin.Silo certs issue --role {role.ToString().ToLowerInvariant()}`.");
            local.Dispose();
            return (null, problems);
        }

        return (new ClusterCertificates(local, cas, role), problems);
    }

    private static X509Certificate2Collection? LoadCas(string path, List<string> problems)
    {
        var cas = new X509Certificate2Collection();
        try
        {
            cas.ImportFromPemFile(path);
        }
        catch (CryptographicException ex)
        {
            problems.Add($"ClusterTls:CaPath '{path}' is not a PEM file of certificates: {ex.Message}");
            return null;
        }

        if (cas.Count is 0 or > 2)
        {
            problems.Add($"ClusterTls:CaPath '{path}' must hold the cluster CA's certificate (two during a CA rollover), not {cas.Count}.");
            return null;
        }

        foreach (var ca in cas)
        {
            if (ca.Extensions.OfType<X509BasicConstraintsExtension>().SingleOrDefault() is not { CertificateAuthority: true })
            {
                problems.Add($"ClusterTls:CaPath '{path}' holds {ca.Subject}, which is not a CA certificate.");
                return null;
            }
        }

        return cas;
    }

    private static X509Certificate2? LoadLocal(ClusterTlsOptions options, List<string> problems)
    {
        try
        {
            return string.IsNullOrEmpty(options.KeyPassword)
                ? X509Certificate2.CreateFromPemFile(options.CertificatePath!, options.KeyPath)
                : X509Certificate2.CreateFromEncryptedPemFile(options.CertificatePath!, options.KeyPassword, options.KeyPath);
        }
        catch (CryptographicException ex)
        {
            // The message says what is wrong with the files (a wrong password, a key of another certificate), never the key.
            problems.Add($"ClusterTls:CertificatePath '{options.CertificatePath}' with ClusterTls:KeyPath '{options.KeyPath}' cannot be loaded: {ex.Message}");
            return null;
        }
        catch (ArgumentException ex)
        {
            problems.Add($"ClusterTls:CertificatePath '{options.CertificatePath}' with ClusterTls:KeyPath '{options.KeyPath}' cannot be loaded: {ex.Message}");
            return null;
        }
    }
}
