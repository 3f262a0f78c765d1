using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NemLogin.Silo.Certificates;

/// <summary>
/// The silo host's <c>certs</c> verb: the cluster's private CA and the certificates of silos, gateways and stores for
/// mutual TLS (docs/cluster.md, "Mutual TLS"). Passwords come from configuration only, never from the command line, where
/// other users of the machine could read them; no key or password is ever printed.
/// </summary>
public static class CertsCommand
{
    private const string CaCertificateFile = "ca.crt";
    private const string CaKeyFile = "ca.key";

    public static bool IsCertsCommand(string[] args) => args.Length > 0 && args[0] == "certs";

    /// <summary>Runs <c>certs …</c>; <paramref name="settings"/>, when given, replace the host's configuration files and environment (tests).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length < 2 || args[1] is not ("init-ca" or "issue"))
        {
            error.WriteLine(CertsUsage.Text);
            return 2;
        }

        if (args.Skip(2).Any(IsPasswordArgument))
        {
            error.WriteLine("Passwords are never taken from the command line, where other users of the machine can read them: set Certs__CaKeyPassword (and ClusterTls__KeyPassword) in the environment or configuration.");
            return 2;
        }

        IConfiguration configuration = settings is null
            ? Host.CreateApplicationBuilder(args[2..]).Configuration
            : new ConfigurationBuilder().AddInMemoryCollection(settings).AddCommandLine(args[2..]).Build();
        var arguments = new CertsArguments(configuration);
        try
        {
            return args[1] == "init-ca" ? InitCa(arguments, output, error) : Issue(arguments, output, error);
        }
        catch (Exception ex) when (ex is InvalidOperationException or CryptographicException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"certs {args[1]} refused: {ex.Message}");
            return 1;
        }
    }

    private static int InitCa(CertsArguments arguments, TextWriter output, TextWriter error)
    {
        var folder = arguments.Folder;
        var password = arguments.CaKeyPassword;
        var validity = arguments.Validity(defaultDays: 3650);
        if (arguments.Problem is { } problem)
        {
            return Usage(error, problem);
        }

        Directory.CreateDirectory(folder!);
        var certificatePath = Path.Combine(folder!, CaCertificateFile);
        var keyPath = Path.Combine(folder!, CaKeyFile);
        PemFiles.EnsureAbsent(certificatePath, keyPath);
        using var ca = ClusterCertificateAuthority.CreateCa(arguments.Subject ?? "CN=NemLogin cluster CA", validity, TimeProvider.System);
        using (var key = ca.GetECDsaPrivateKey()!)
        {
            PemFiles.WriteKey(keyPath, key, password);
        }

        PemFiles.WriteCertificate(certificatePath, ca);
        Describe(output, "CA", certificatePath, ca);
        output.WriteLine($"  key {keyPath} (encrypted, mode 600): keep it off the cluster's machines once the certificates are issued.");
        return 0;
    }

    private static int Issue(CertsArguments arguments, TextWriter output, TextWriter error)
    {
        var folder = arguments.Folder;
        var role = arguments.Role();
        var name = arguments.Name;
        var password = arguments.CaKeyPassword;
        var dnsNames = arguments.DnsNames();
        var addresses = arguments.Addresses();
        var validity = arguments.Validity(defaultDays: 365);
        if (arguments.Problem is { } problem)
        {
            return Usage(error, problem);
        }

        var outputFolder = arguments.OutputFolder;
        Directory.CreateDirectory(outputFolder);
        var certificatePath = Path.Combine(outputFolder, name + ".crt");
        var keyPath = Path.Combine(outputFolder, name + ".key");
        PemFiles.EnsureAbsent(certificatePath, keyPath);

        using var caPublic = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(folder!, CaCertificateFile));
        using var caKey = PemFiles.ReadKey(Path.Combine(folder!, CaKeyFile), password!);
        using var ca = caPublic.CopyWithPrivateKey(caKey);
        using AsymmetricAlgorithm nodeKey = role == CertificateRole.KeyRing ? RSA.Create(3072) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = ClusterCertificateAuthority.Issue(ca, nodeKey, role, name!, [name!, .. dnsNames.Where(d => d != name)], addresses, validity, TimeProvider.System);
        var nodePassword = role == CertificateRole.Store ? null : arguments.NodeKeyPassword;
        PemFiles.WriteKey(keyPath, nodeKey, nodePassword);
        PemFiles.WriteCertificate(certificatePath, certificate);
        // Issued into another folder (the nodes', without the CA key): the nodes need the CA's certificate beside theirs.
        if (Path.Combine(outputFolder, CaCertificateFile) is var caCopy && !File.Exists(caCopy))
        {
            PemFiles.WriteCertificate(caCopy, caPublic);
        }
        Describe(output, role.ToString().ToLowerInvariant(), certificatePath, certificate);
        output.WriteLine($"  key {keyPath} ({(string.IsNullOrEmpty(nodePassword) ? "not encrypted" : "encrypted with ClusterTls:KeyPassword")}, mode 600)");
        return 0;
    }

    private static void Describe(TextWriter output, string what, string path, X509Certificate2 certificate) =>
        output.WriteLine($"{what} certificate {path}: {certificate.Subject}, thumbprint {certificate.Thumbprint}, valid to {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC");

    private static int Usage(TextWriter error, string problem)
    {
        error.WriteLine(problem);
        error.WriteLine(CertsUsage.Text);
        return 2;
    }

    private static bool IsPasswordArgument(string argument) =>
        argument.Length > 1 && argument[0] is '-' or '/' && argument.Contains("password", StringComparison.OrdinalIgnoreCase);
}
