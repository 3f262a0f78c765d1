using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NemLogin.Grains.Errors;
using NemLogin.Grains;
using NemLogin.Grains.Signing;

namespace NemLogin.Hsm.Tests.Grains;

/// <summary>
/// The signer grain pool in HSM mode: every signature and every key decryption comes from SoftHSM2, bounded by the sessions
/// of each silo.
/// </summary>
public sealed class SignerGrainPkcs11Tests(HsmClusterFixture fixture) : IClassFixture<HsmClusterFixture>
{
    private static readonly byte[] Message = "<ds:SignedInfo>assertion</ds:SignedInfo>"u8.ToArray();

    private ISignerGrain Signer => fixture.Grains.GetGrain<ISignerGrain>(0);

    [Theory]
    [InlineData(KeyPurpose.SamlSigning, SigningAlgorithm.RsaPkcs1Sha256)]
    [InlineData(KeyPurpose.SamlSigning, SigningAlgorithm.RsaPssSha256)]
    [InlineData(KeyPurpose.TokenSigning, SigningAlgorithm.EcdsaP256Sha256)]
    public async Task SignerGrain_Pkcs11Provider_SignatureVerifiesWithTheCurrentTokenCertificate(KeyPurpose purpose, SigningAlgorithm algorithm)
    {
        var result = await Signer.SignAsync(purpose, algorithm, Message);

        var current = (await Signer.GetKeysAsync(purpose))[0];
        Assert.True(current.IsCurrent);
        Assert.Equal("Pkcs11", current.Provider);
        Assert.Equal(current.KeyId, result.KeyId);
        Assert.True(Signatures.Verify(current.CertificateDer, algorithm, Message, result.Signature));
    }

    [Fact]
    public async Task SignerGrain_Keys_CurrentThenNextPublished()
    {
        var keys = await Signer.GetKeysAsync(KeyPurpose.SamlSigning);

        Assert.Equal([true, false], keys.Select(k => k.IsCurrent));
        Assert.Equal(2, keys.Select(k => k.KeyId).Distinct().Count());
    }

    [Fact]
    public async Task SignerGrain_NextKeyNamed_RefusedKeyUnknown()
    {
        var next = (await Signer.GetKeysAsync(KeyPurpose.SamlSigning))[1];

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => Signer.SignWithKeyAsync(KeyPurpose.SamlSigning, next.KeyId, SigningAlgorithm.RsaPkcs1Sha256, Message));

        Assert.Equal(BrokerErrors.Name(BrokerError.SigningKeyUnknown), refused.Code);
    }

    [Fact]
    public async Task SignerGrain_ManyConcurrentCalls_NoSiloExceedsItsSessionsAtTheHsm()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => Signer.SignAsync(KeyPurpose.SamlSigning, SigningAlgorithm.RsaPkcs1Sha256, Message)));

        var current = (await Signer.GetKeysAsync(KeyPurpose.SamlSigning))[0];
        Assert.All(results, r => Assert.True(Signatures.Verify(current.CertificateDer, SigningAlgorithm.RsaPkcs1Sha256, Message, r.Signature)));
        Assert.All(fixture.Seams, seam => Assert.InRange(seam.MaxInFlight, 0, HsmClusterFixture.SessionsPerSilo));
        Assert.True(fixture.Seams.Sum(s => s.SignCalls) >= 60);
    }

    [Fact]
    public async Task SignerGrain_DecryptKey_RecoversAKeyEncryptedToThePublishedCertificate()
    {
        var contentKey = RandomNumberGenerator.GetBytes(32);
        var (certificate, keyId) = await EncryptionKeyAsync();

        var decrypted = await Signer.DecryptKeyAsync(
            KeyPurpose.SamlEncryption, keyId, new KeyTransportMethod(KeyTransportMethods.RsaOaepMgf1p, null, null), Encrypt(certificate, contentKey));

        Assert.Equal(contentKey, decrypted.Key);
        Assert.Equal(keyId, decrypted.KeyId);
    }

    [Fact]
    public async Task SignerGrain_DecryptKeyRsa15_RefusedAlgorithm()
    {
        // Attack class: Bleichenbacher's padding oracle through the grain interface.
        var (certificate, _) = await EncryptionKeyAsync();
        using var rsa = certificate.GetRSAPublicKey()!;

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => Signer.DecryptKeyAsync(
            KeyPurpose.SamlEncryption, null, new KeyTransportMethod(KeyTransportMethods.Rsa15, null, null), rsa.Encrypt(new byte[32], RSAEncryptionPadding.Pkcs1)));

        Assert.Equal(BrokerErrors.Name(BrokerError.SigningDecryptionAlgorithmRefused), refused.Code);
    }

    [Fact]
    public async Task SignerGrain_ManyConcurrentSignaturesAndDecryptions_NoSiloExceedsItsSessionsAtTheHsm()
    {
        var (certificate, _) = await EncryptionKeyAsync();
        var contentKey = RandomNumberGenerator.GetBytes(32);
        var method = new KeyTransportMethod(KeyTransportMethods.RsaOaepMgf1p, null, null);
        var decryptedBefore = fixture.Seams.Sum(s => s.DecryptCalls);

        var decryptions = Enumerable.Range(0, 30).Select(_ => Signer.DecryptKeyAsync(KeyPurpose.SamlEncryption, null, method, Encrypt(certificate, contentKey))).ToList();
        var signatures = Enumerable.Range(0, 30).Select(_ => Signer.SignAsync(KeyPurpose.SamlSigning, SigningAlgorithm.RsaPkcs1Sha256, Message)).ToList();
        await Task.WhenAll([.. decryptions, .. signatures]);

        Assert.All(decryptions, d => Assert.Equal(contentKey, d.Result.Key));
        Assert.All(fixture.Seams, seam => Assert.InRange(seam.MaxInFlight, 0, HsmClusterFixture.SessionsPerSilo));
        Assert.True(fixture.Seams.Sum(s => s.DecryptCalls) - decryptedBefore >= 30);
    }

    private async Task<(X509Certificate2 Certificate, string KeyId)> EncryptionKeyAsync()
    {
        var key = Assert.Single(await Signer.GetKeysAsync(KeyPurpose.SamlEncryption));
        Assert.Equal("Pkcs11", key.Provider);
        return (X509CertificateLoader.LoadCertificate(key.CertificateDer), key.KeyId);
    }

    private static byte[] Encrypt(X509Certificate2 certificate, byte[] key)
    {
        using var rsa = certificate.GetRSAPublicKey()!;
        return rsa.Encrypt(key, RSAEncryptionPadding.OaepSHA1);
    }
}
