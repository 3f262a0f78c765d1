using System.Security.Cryptography;
using NemLogin.ClusterTls;
using NemLogin.Silo.Certificates;

namespace NemLogin.Cluster.Tests.Infrastructure;

/// <summary>
/// A cluster CA and its certificates in a folder, made with the silo's own <c>certs</c> verb (run in-process: the same
/// code an operator runs, without a process start per certificate). Another instance is another CA: an outsider.
/// </summary>
internal sealed class ClusterPki
{
    private readonly string _caKeyPassword = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private ClusterPki(string folder, string? nodeKeyPassword)
    {
        Folder = folder;
        NodeKeyPassword = nodeKeyPassword;
    }

    public string Folder { get; }

    /// <summary>The password silo and gateway keys are encrypted with; null: keys protected by file mode alone.</summary>
    public string? NodeKeyPassword { get; }

    public string CaPath => Path.Combine(Folder, "ca.crt");

    /// <param name="nodeKeyPassword">Encrypts every silo and gateway key (ClusterTls:KeyPassword).</param>
    public static ClusterPki Create(string parentFolder, string name = "pki", string? nodeKeyPassword = null)
    {
        var pki = new ClusterPki(Path.Combine(parentFolder, name), nodeKeyPassword);
        pki.Run("init-ca", "--dir", pki.Folder, "--subject", $"CN=NemLogin test CA {name}");
        return pki;
    }

    /// <summary>A certificate for <paramref name="role"/> (silo, gateway or store) named <paramref name="name"/>, for 127.0.0.1.</summary>
    public NodeCertificate Issue(string role, string name)
    {
        Run("issue", "--dir", Folder, "--role", role, "--name", name, "--ip", "127.0.0.1", "--dns", "localhost");
        return new NodeCertificate(Path.Combine(Folder, name + ".crt"), Path.Combine(Folder, name + ".key"), role == "store" ? null : NodeKeyPassword);
    }

    /// <summary>A gateway's settings for the key-ring certificate <paramref name="keyRing"/> (its key password is ClusterTls:KeyPassword).</summary>
    public static Dictionary<string, string> KeyRingEnvironment(NodeCertificate keyRing) => new()
    {
        ["DataProtection__CertificatePath"] = keyRing.CertificatePath,
        ["DataProtection__KeyPath"] = keyRing.KeyPath,
    };

    /// <summary>The ClusterTls settings of a host presenting <paramref name="node"/> and trusting this CA (also for the stores).</summary>
    public Dictionary<string, string> Environment(NodeCertificate node)
    {
        var environment = new Dictionary<string, string>
        {
            ["ClusterTls__CertificatePath"] = node.CertificatePath,
            ["ClusterTls__KeyPath"] = node.KeyPath,
            ["ClusterTls__CaPath"] = CaPath,
            ["ClusterTls__StoreCaPath"] = CaPath,
        };
        if (node.KeyPassword is not null)
        {
            environment["ClusterTls__KeyPassword"] = node.KeyPassword;
        }

        return environment;
    }

    /// <summary>What a host loads from <see cref="Environment"/>, for the tests' own Orleans clients.</summary>
    public ClusterCertificates Load(NodeCertificate node, ClusterRole role)
    {
        var options = new ClusterTlsOptions { CertificatePath = node.CertificatePath, KeyPath = node.KeyPath, KeyPassword = node.KeyPassword, CaPath = CaPath };
        var (certificates, problems) = ClusterCertificates.Load(options, role, required: true, TimeProvider.System);
        return certificates ?? throw new InvalidOperationException(string.Join(" ", problems));
    }

    private void Run(params string[] arguments)
    {
        var settings = new Dictionary<string, string?> { ["Certs:CaKeyPassword"] = _caKeyPassword, ["ClusterTls:KeyPassword"] = NodeKeyPassword };
        using var output = new StringWriter();
        using var error = new StringWriter();
        if (CertsCommand.Run(["certs", .. arguments], output, error, settings) != 0)
        {
            throw new InvalidOperationException($"certs {string.Join(' ', arguments)} failed: {error}");
        }
    }
}

/// <summary>A certificate and key file pair from <see cref="ClusterPki.Issue"/>.</summary>
internal sealed record NodeCertificate(string CertificatePath, string KeyPath, string? KeyPassword)
{
    /// <summary>The certificate with its private key, unchecked (what a caller holding the files can present).</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2 LoadWithKey() => KeyPassword is null
        ? System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(CertificatePath, KeyPath)
        : System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromEncryptedPemFile(CertificatePath, KeyPassword, KeyPath);
}

/// <summary>A store's server certificate and the CA its clients check it against.</summary>
internal sealed record StoreTls(NodeCertificate Certificate, string CaPath);
