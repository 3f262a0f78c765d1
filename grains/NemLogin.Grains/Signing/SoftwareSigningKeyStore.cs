using NemLogin.Grains.Errors;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace NemLogin.Grains.Signing;

/// <summary>
/// DEMO ONLY. Keeps one RSA-2048 key per purpose (signing and the SAML encryption key) as a PKCS#12 file in <see cref="SigningOptions.SoftwareKeyDirectory"/>,
/// created on first use and reused afterwards. Production keys live in an HSM and never in process memory.
/// </summary>
public sealed class SoftwareSigningKeyStore : ISigningKeyStore, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly ConcurrentDictionary<KeyPurpose, Lazy<X509Certificate2>> _certificates = new();
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<SoftwareSigningKeyStore> _logger;

    public SoftwareSigningKeyStore(IOptions<SigningOptions> options, TimeProvider timeProvider, ILogger<SoftwareSigningKeyStore> logger)
    {
        KeyDirectory = Path.GetFullPath(options.Value.SoftwareKeyDirectory);
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>The absolute folder holding the key files.</summary>
    public string KeyDirectory { get; }

    public string Provider => SigningOptions.SoftwareProvider;

    public Task<SignatureResult> SignAsync(KeyPurpose purpose, string? keyId, SigningAlgorithm algorithm, byte[] data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        KeyStoreRefusals.RequireSigningPurpose(purpose);
        var certificate = Certificate(purpose);
        var id = KeyId(certificate);
        if (keyId is not null && !string.Equals(keyId, id, StringComparison.Ordinal))
        {
            throw new GrainRuleException(BrokerErrors.Name(BrokerError.SigningKeyUnknown), $"The software key store has no {purpose} key {keyId}.");
        }

        var padding = algorithm switch
        {
            SigningAlgorithm.RsaPkcs1Sha256 => RSASignaturePadding.Pkcs1,
            SigningAlgorithm.RsaPssSha256 => RSASignaturePadding.Pss,
            _ => throw new GrainRuleException(BrokerErrors.Name(BrokerError.SigningAlgorithmUnsupported), $"The software key store has no key for {algorithm}."),
        };

        // A fresh RSA handle per signature: concurrent calls never share one key object.
        using var privateKey = certificate.GetRSAPrivateKey()
            ?? throw new InvalidOperationException($"The software key file for {purpose} holds no RSA private key.");
        return Task.FromResult(new SignatureResult(id, privateKey.SignData(data, HashAlgorithmName.SHA256, padding)));
    }

    public Task<DecryptedKey> DecryptKeyAsync(KeyPurpose purpose, string? keyId, KeyTransportMethod method, byte[] encryptedKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encryptedKey);
        KeyStoreRefusals.RequireDecryptionPurpose(purpose);
        var oaep = KeyTransportMethods.Resolve(method);
        KeyStoreRefusals.RequireEncryptedKeyLength(encryptedKey);

        // .NET's OAEP hashes the label and MGF1 with one algorithm; a mixed pair only the HSM can decrypt.
        var padding = oaep.Digest == oaep.Mgf1Digest
            ? RSAEncryptionPadding.CreateOaep(oaep.Digest)
            : throw new GrainRuleException(BrokerErrors.Name(BrokerError.SigningDecryptionAlgorithmRefused),
                $"The software key store decrypts RSA-OAEP only with the same hash for the digest and MGF1 ({oaep.Digest.Name}/MGF1-{oaep.Mgf1Digest.Name} asked).");
        var certificate = Certificate(purpose);
        var id = KeyId(certificate);
        if (keyId is not null && !string.Equals(keyId, id, StringComparison.Ordinal))
        {
            throw KeyStoreRefusals.NoDecryptionKey(purpose, keyId, "the software key store");
        }

        using var privateKey = certificate.GetRSAPrivateKey()
            ?? throw new InvalidOperationException($"The software key file for {purpose} holds no RSA private key.");
        try
        {
            return Task.FromResult(new DecryptedKey(id, privateKey.Decrypt(encryptedKey, padding)));
        }
        catch (CryptographicException)
        {
            throw KeyStoreRefusals.DecryptionFailed();
        }
    }

    public Task<ImmutableArray<SigningKeyInfo>> GetKeysAsync(KeyPurpose purpose, CancellationToken cancellationToken = default)
    {
        // The demo key has no rollover: one current key per purpose.
        var certificate = Certificate(purpose);
        return Task.FromResult(ImmutableArray.Create(new SigningKeyInfo(KeyId(certificate), purpose, certificate.RawData, IsCurrent: true, Provider)));
    }

    /// <summary>The file that holds the key for <paramref name="purpose"/>.</summary>
    public string KeyFile(KeyPurpose purpose) => Path.Combine(KeyDirectory, purpose switch
    {
        KeyPurpose.SamlSigning => "saml-signing.p12",
        KeyPurpose.TokenSigning => "token-signing.p12",
        KeyPurpose.SamlEncryption => "saml-encryption.p12",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "Unknown key purpose."),
    });

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SoftwareSigningKeyStore), ServiceLifecycleStage.ApplicationServices, _ =>
        {
            // Load (or create) every key before the silo takes calls, so a bad folder fails the start, not a login.
            foreach (var purpose in Enum.GetValues<KeyPurpose>())
            {
                Log.SoftwareSigningKeyInUse(_logger, purpose.ToString(), KeyId(Certificate(purpose)), KeyDirectory);
            }

            return Task.CompletedTask;
        });

    public void Dispose()
    {
        foreach (var certificate in _certificates.Values.Where(lazy => lazy.IsValueCreated))
        {
            certificate.Value.Dispose();
        }
    }

    internal static string KeyId(X509Certificate2 certificate) =>
        Convert.ToHexStringLower(certificate.GetCertHash(HashAlgorithmName.SHA256));

    private X509Certificate2 Certificate(KeyPurpose purpose)
    {
        var certificate = _certificates.GetOrAdd(purpose, p => new Lazy<X509Certificate2>(() => LoadOrCreate(p)));
        try
        {
            return certificate.Value;
        }
        catch
        {
            // Lazy would cache the failure; a folder that was briefly unavailable is retried on the next call instead.
            _certificates.TryRemove(KeyValuePair.Create(purpose, certificate));
            throw;
        }
    }

    private X509Certificate2 LoadOrCreate(KeyPurpose purpose)
    {
        var path = KeyFile(purpose);
        if (!File.Exists(path))
        {
            TryCreate(purpose, path);
        }

        // Ephemeral: Windows would otherwise persist a copy of the private key in the user profile on each load.
        var flags = OperatingSystem.IsMacOS() ? X509KeyStorageFlags.DefaultKeySet : X509KeyStorageFlags.EphemeralKeySet;
        return X509CertificateLoader.LoadPkcs12FromFile(path, password: null, flags);
    }

    private void TryCreate(KeyPurpose purpose, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(KeyDirectory);
        }
        else
        {
            Directory.CreateDirectory(KeyDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var pkcs12 = SoftwareCertificateFactory.CreatePkcs12(purpose, _timeProvider.GetUtcNow());
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, fileOptions))
        {
            stream.Write(pkcs12);
        }

        try
        {
            // Without overwrite the move fails if another silo sharing the folder created the key first; theirs wins.
            File.Move(temporary, path, overwrite: false);
            using var created = X509CertificateLoader.LoadPkcs12(pkcs12, password: null, X509KeyStorageFlags.EphemeralKeySet);
            Log.SoftwareSigningKeyCreated(_logger, purpose.ToString(), KeyId(created), KeyDirectory);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }
}
