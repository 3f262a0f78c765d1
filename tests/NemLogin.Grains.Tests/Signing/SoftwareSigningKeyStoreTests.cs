using NemLogin.Grains.Errors;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NemLogin.Grains.Signing;

namespace NemLogin.Grains.Tests.Signing;

public sealed class SoftwareSigningKeyStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nemlogin-keys-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task SoftwareKeyStore_KeyPersistsAcrossStoreInstances()
    {
        string firstKeyId;
        using (var first = NewStore())
        {
            firstKeyId = (await CurrentAsync(first)).KeyId;
        }

        var fileBefore = await File.ReadAllBytesAsync(Path.Combine(_directory, "saml-signing.p12"), TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromDays(30));

        using var second = NewStore();
        var again = await CurrentAsync(second);

        Assert.Equal(firstKeyId, again.KeyId);
        Assert.Equal(fileBefore, await File.ReadAllBytesAsync(second.KeyFile(KeyPurpose.SamlSigning), TestContext.Current.CancellationToken));
        using var certificate = X509CertificateLoader.LoadCertificate(again.CertificateDer);
        using var publicKey = certificate.GetRSAPublicKey()!;
        byte[] data = [1, 2, 3];
        var signature = await second.SignAsync(KeyPurpose.SamlSigning, keyId: null, SigningAlgorithm.RsaPkcs1Sha256, data, TestContext.Current.CancellationToken);
        Assert.Equal(firstKeyId, signature.KeyId);
        Assert.True(publicKey.VerifyData(data, signature.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public async Task SoftwareKeyStore_SignWithAnotherKeyId_RefusedWithKeyUnknown()
    {
        using var store = NewStore();

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() =>
            store.SignAsync(KeyPurpose.SamlSigning, new string('0', 64), SigningAlgorithm.RsaPkcs1Sha256, [1], TestContext.Current.CancellationToken));

        Assert.Equal(BrokerErrors.Name(BrokerError.SigningKeyUnknown), refused.Code);
    }

    [Fact]
    public async Task SoftwareKeyStore_SeparateFolders_HaveSeparateKeys()
    {
        using var first = NewStore();
        using var other = new SoftwareSigningKeyStore(
            Options.Create(new SigningOptions { SoftwareKeyDirectory = _directory + "-other" }), _time, NullLogger<SoftwareSigningKeyStore>.Instance);
        try
        {
            var a = await CurrentAsync(first);
            var b = await CurrentAsync(other);

            Assert.NotEqual(a.KeyId, b.KeyId);
        }
        finally
        {
            Directory.Delete(_directory + "-other", recursive: true);
        }
    }

    [Fact]
    public async Task SoftwareKeyStore_StoresRacingOnAnEmptyFolder_AgreeOnOneKey()
    {
        // Two silos in one process (embedded mode, test clusters) share the folder and may start at the same moment.
        var stores = Enumerable.Range(0, 6).Select(_ => NewStore()).ToArray();
        try
        {
            var keys = await Task.WhenAll(stores.Select(store =>
                Task.Run(async () => Assert.Single(await store.GetKeysAsync(KeyPurpose.TokenSigning, TestContext.Current.CancellationToken)), TestContext.Current.CancellationToken)));

            Assert.Single(keys.Select(key => key.KeyId).Distinct());
            Assert.Single(Directory.GetFiles(_directory));
        }
        finally
        {
            foreach (var store in stores)
            {
                store.Dispose();
            }
        }
    }

    [Theory]
    [InlineData("http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p", null, null)]
    [InlineData("http://www.w3.org/2009/xmlenc11#rsa-oaep", "http://www.w3.org/2001/04/xmlenc#sha256", "http://www.w3.org/2009/xmlenc11#mgf1sha256")]
    public async Task SoftwareKeyStore_DecryptKey_OwnEncryptionKeyFileRecoversTheContentKey(string algorithm, string? digest, string? mgf)
    {
        using var store = NewStore();
        var key = Assert.Single(await store.GetKeysAsync(KeyPurpose.SamlEncryption, TestContext.Current.CancellationToken));
        using var certificate = X509CertificateLoader.LoadCertificate(key.CertificateDer);
        using var publicKey = certificate.GetRSAPublicKey()!;
        var contentKey = RandomNumberGenerator.GetBytes(32);
        var padding = digest is null ? RSAEncryptionPadding.OaepSHA1 : RSAEncryptionPadding.OaepSHA256;

        var decrypted = await store.DecryptKeyAsync(
            KeyPurpose.SamlEncryption, null, new KeyTransportMethod(algorithm, digest, mgf), publicKey.Encrypt(contentKey, padding), TestContext.Current.CancellationToken);

        Assert.Equal(contentKey, decrypted.Key);
        Assert.Equal(key.KeyId, decrypted.KeyId);
        Assert.True(File.Exists(store.KeyFile(KeyPurpose.SamlEncryption)));
        Assert.NotEqual(key.KeyId, (await CurrentAsync(store)).KeyId);
        Assert.Equal(X509KeyUsageFlags.KeyEncipherment, certificate.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
    }

    [Fact]
    public async Task SoftwareKeyStore_DecryptKey_TamperedRsa15OrSigningPurpose_Refused()
    {
        // Attack classes: padding oracle (one refusal for any bad ciphertext), Bleichenbacher (RSA 1.5 never tried), key
        // separation (the signing key never decrypts, the encryption key never signs).
        using var store = NewStore();
        using var certificate = X509CertificateLoader.LoadCertificate(
            Assert.Single(await store.GetKeysAsync(KeyPurpose.SamlEncryption, TestContext.Current.CancellationToken)).CertificateDer);
        using var publicKey = certificate.GetRSAPublicKey()!;
        var ciphertext = publicKey.Encrypt(new byte[32], RSAEncryptionPadding.OaepSHA1);
        ciphertext[7] ^= 1;
        var oaep = new KeyTransportMethod("http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p", null, null);
        var ct = TestContext.Current.CancellationToken;

        var tampered = await Assert.ThrowsAsync<GrainRuleException>(() => store.DecryptKeyAsync(KeyPurpose.SamlEncryption, null, oaep, ciphertext, ct));
        var rsa15 = await Assert.ThrowsAsync<GrainRuleException>(() => store.DecryptKeyAsync(KeyPurpose.SamlEncryption, null,
            new KeyTransportMethod("http://www.w3.org/2001/04/xmlenc#rsa-1_5", null, null), publicKey.Encrypt(new byte[32], RSAEncryptionPadding.Pkcs1), ct));
        var mixed = await Assert.ThrowsAsync<GrainRuleException>(() => store.DecryptKeyAsync(KeyPurpose.SamlEncryption, null,
            new KeyTransportMethod("http://www.w3.org/2009/xmlenc11#rsa-oaep", "http://www.w3.org/2001/04/xmlenc#sha256", null), ciphertext, ct));
        var signingKey = await Assert.ThrowsAsync<GrainRuleException>(() => store.DecryptKeyAsync(KeyPurpose.SamlSigning, null, oaep, ciphertext, ct));
        var signWithEncryption = await Assert.ThrowsAsync<GrainRuleException>(() => store.SignAsync(KeyPurpose.SamlEncryption, null, SigningAlgorithm.RsaPkcs1Sha256, [1], ct));

        Assert.Equal(BrokerErrors.Name(BrokerError.SigningDecryptionFailed), tampered.Code);
        Assert.Equal(BrokerErrors.Name(BrokerError.SigningDecryptionAlgorithmRefused), rsa15.Code);
        Assert.Contains("Bleichenbacher", rsa15.Message, StringComparison.Ordinal);
        Assert.Equal(BrokerErrors.Name(BrokerError.SigningDecryptionAlgorithmRefused), mixed.Code);
        Assert.Equal(BrokerErrors.Name(BrokerError.SigningKeyUnknown), signingKey.Code);
        Assert.Equal(BrokerErrors.Name(BrokerError.SigningKeyUnknown), signWithEncryption.Code);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task SoftwareKeyStore_KeyFile_ReadableByOwnerOnly()
    {
        // Private key exposure: the demo key file must not be readable by other local users.
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes only.");
        using var store = NewStore();
        await CurrentAsync(store);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.KeyFile(KeyPurpose.SamlSigning)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_directory));
    }

    [Fact]
    public async Task SoftwareKeyStore_FolderUnavailableAtFirst_RetriedOnNextCall()
    {
        // A file where the folder should be makes the first load fail; the failure must not be cached for good.
        await File.WriteAllTextAsync(_directory, "not a folder", TestContext.Current.CancellationToken);
        using var store = NewStore();

        await Assert.ThrowsAnyAsync<IOException>(async () => await CurrentAsync(store));
        File.Delete(_directory);
        await CurrentAsync(store);

        Assert.True(File.Exists(store.KeyFile(KeyPurpose.SamlSigning)));
    }

    [Fact]
    public void SoftwareKeyStore_DefaultFolder_RelativeToCurrentDirectory()
    {
        using var store = new SoftwareSigningKeyStore(Options.Create(new SigningOptions()), _time, NullLogger<SoftwareSigningKeyStore>.Instance);

        Assert.Equal(Path.Combine(Environment.CurrentDirectory, ".nemlogin-data", "keys"), store.KeyDirectory);
        Assert.Equal("Software", store.Provider);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static async Task<SigningKeyInfo> CurrentAsync(SoftwareSigningKeyStore store) =>
        Assert.Single(await store.GetKeysAsync(KeyPurpose.SamlSigning, TestContext.Current.CancellationToken));

    private SoftwareSigningKeyStore NewStore() =>
        new(Options.Create(new SigningOptions { SoftwareKeyDirectory = _directory }), _time, NullLogger<SoftwareSigningKeyStore>.Instance);
}
