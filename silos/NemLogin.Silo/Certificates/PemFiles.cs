using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NemLogin.Silo.Certificates;

/// <summary>
/// Writes what <c>certs</c> makes: certificates world-readable, private keys readable by the owner alone (mode 600) and
/// encrypted when a password is given. Nothing is overwritten: an existing file stops the verb.
/// </summary>
internal static class PemFiles
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Public = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    // PKCS#8 with PBES2: AES-256-CBC, its key from PBKDF2-SHA256 (OWASP's iteration count for it).
    private static readonly PbeParameters KeyEncryption = new(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 600_000);

    public static void EnsureAbsent(params string[] paths)
    {
        foreach (var path in paths.Where(File.Exists))
        {
            throw new InvalidOperationException($"{path} exists; certs never overwrites a file (issue into another folder or remove it first).");
        }
    }

    public static void WriteCertificate(string path, X509Certificate2 certificate) => Write(path, certificate.ExportCertificatePem() + "\n", Public);

    public static void WriteKey(string path, AsymmetricAlgorithm key, string? password) =>
        Write(path, (string.IsNullOrEmpty(password) ? key.ExportPkcs8PrivateKeyPem() : key.ExportEncryptedPkcs8PrivateKeyPem(password, KeyEncryption)) + "\n", OwnerOnly);

    public static ECDsa ReadKey(string path, string password)
    {
        var key = ECDsa.Create();
        key.ImportFromEncryptedPem(File.ReadAllText(path), password);
        return key;
    }

    private static void Write(string path, string text, UnixFileMode mode)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
        writer.Write(text);
    }
}
