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
