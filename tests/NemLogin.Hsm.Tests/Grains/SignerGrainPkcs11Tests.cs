using NemLogin.Grains.Errors;
using NemLogin.Grains;
using NemLogin.Grains.Signing;

namespace NemLogin.Hsm.Tests.Grains;

/// <summary>The signer grain pool in HSM mode: every signature comes from SoftHSM2, bounded by the sessions of each silo.</summary>
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
}
