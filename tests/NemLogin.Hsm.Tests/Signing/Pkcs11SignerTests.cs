using NemLogin.Grains.Errors;
using System.Security.Cryptography.X509Certificates;
using NemLogin.Grains;
using NemLogin.Grains.Signing;
using NemLogin.Grains.Signing.Pkcs11;

namespace NemLogin.Hsm.Tests.Signing;

/// <summary>Signatures made by SoftHSM2 through the PKCS#11 store, verified with .NET against the token's certificate.</summary>
public sealed class Pkcs11SignerTests
{
    private static readonly byte[] Message = "<ds:SignedInfo>assertion</ds:SignedInfo>"u8.ToArray();
    private static readonly byte[] Tampered = "<ds:SignedInfo>tampered!</ds:SignedInfo>"u8.ToArray();

    [Theory]
    [InlineData(HsmKeyAlgorithm.Rsa2048, SigningAlgorithm.RsaPkcs1Sha256)]
    [InlineData(HsmKeyAlgorithm.Rsa2048, SigningAlgorithm.RsaPssSha256)]
    [InlineData(HsmKeyAlgorithm.Rsa3072, SigningAlgorithm.RsaPkcs1Sha256)]
    [InlineData(HsmKeyAlgorithm.Rsa3072, SigningAlgorithm.RsaPssSha256)]
    [InlineData(HsmKeyAlgorithm.EcP256, SigningAlgorithm.EcdsaP256Sha256)]
    public async Task Sign_EachAlgorithm_VerifiesWithTheTokenCertificate(HsmKeyAlgorithm keyAlgorithm, SigningAlgorithm algorithm)
    {
        using var hsm = new HsmStore(SoftHsm.NewToken("sign"));
        hsm.Keys().Generate(KeyPurpose.TokenSigning, KeyRole.Current, keyAlgorithm);

        var result = await hsm.Store.SignAsync(KeyPurpose.TokenSigning, keyId: null, algorithm, Message, TestContext.Current.CancellationToken);

        var key = Assert.Single(await hsm.Store.GetKeysAsync(KeyPurpose.TokenSigning, TestContext.Current.CancellationToken));
        Assert.Equal(key.KeyId, result.KeyId);
        Assert.Equal("Pkcs11", key.Provider);
        Assert.True(Signatures.Verify(key.CertificateDer, algorithm, Message, result.Signature));
        Assert.False(Signatures.Verify(key.CertificateDer, algorithm, Tampered, result.Signature));
    }

    [Fact]
    public async Task Sign_EcdsaP256_ReturnsRawRsAsJwsCarriesIt()
    {
        using var hsm = new HsmStore(SoftHsm.NewToken("ecdsa"));
        hsm.Keys().Generate(KeyPurpose.TokenSigning, KeyRole.Current, HsmKeyAlgorithm.EcP256);

        var result = await hsm.Store.SignAsync(KeyPurpose.TokenSigning, null, SigningAlgorithm.EcdsaP256Sha256, Message, TestContext.Current.CancellationToken);

        // RFC 7518 §3.4: ES256 is r‖s, 32 octets each; a DER signature would be 70–72 octets and start with 0x30.
        Assert.Equal(64, result.Signature.Length);
    }

    [Theory]
    [InlineData(HsmKeyAlgorithm.Rsa2048)]
    [InlineData(HsmKeyAlgorithm.EcP256)]
    public async Task Certificate_IssuedInsideTheToken_ChainsToItselfWithValidSignature(HsmKeyAlgorithm keyAlgorithm)
    {
        using var hsm = new HsmStore(SoftHsm.NewToken("cert"));
        hsm.Keys().Generate(KeyPurpose.SamlSigning, KeyRole.Current, keyAlgorithm, "CN=NemLogin test signing", TimeSpan.FromDays(30));

        var key = Assert.Single(await hsm.Store.GetKeysAsync(KeyPurpose.SamlSigning, TestContext.Current.CancellationToken));

        using var certificate = X509CertificateLoader.LoadCertificate(key.CertificateDer);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(certificate), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.Equal("CN=NemLogin test signing", certificate.Subject);
        Assert.Equal(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(5), certificate.NotAfter - certificate.NotBefore);
        Assert.False(certificate.HasPrivateKey);
    }

    [Fact]
    public async Task Sign_RsaSchemeOnEcKey_RefusedAlgorithmUnsupported()
    {
        using var hsm = new HsmStore(SoftHsm.NewToken("mismatch"));
        hsm.Keys().Generate(KeyPurpose.TokenSigning, KeyRole.Current, HsmKeyAlgorithm.EcP256);

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() =>
            hsm.Store.SignAsync(KeyPurpose.TokenSigning, null, SigningAlgorithm.RsaPkcs1Sha256, Message, TestContext.Current.CancellationToken));

        Assert.Equal(BrokerErrors.Name(BrokerError.SigningAlgorithmUnsupported), refused.Code);
        Assert.Equal(0, hsm.Sessions.SignCalls);
    }

    [Fact]
    public async Task Sign_PurposeWithoutKey_RefusedNoCurrentKey()
    {
        using var hsm = new HsmStore(SoftHsm.NewToken("empty"));
        hsm.Keys().Generate(KeyPurpose.SamlSigning, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() =>
            hsm.Store.SignAsync(KeyPurpose.TokenSigning, null, SigningAlgorithm.RsaPkcs1Sha256, Message, TestContext.Current.CancellationToken));

        Assert.Equal(BrokerErrors.Name(BrokerError.SigningNoCurrentKey), refused.Code);
        Assert.Empty(await hsm.Store.GetKeysAsync(KeyPurpose.TokenSigning, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Sign_NextKeyNamed_RefusedKeyUnknown()
    {
        // A next key is published for SPs to learn; it must not sign before it is promoted.
        using var hsm = new HsmStore(SoftHsm.NewToken("next"));
        hsm.Keys().Generate(KeyPurpose.SamlSigning, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);
        hsm.Keys().Generate(KeyPurpose.SamlSigning, KeyRole.Next, HsmKeyAlgorithm.Rsa2048);
        var next = (await hsm.Store.GetKeysAsync(KeyPurpose.SamlSigning, TestContext.Current.CancellationToken))[1];

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() =>
            hsm.Store.SignAsync(KeyPurpose.SamlSigning, next.KeyId, SigningAlgorithm.RsaPkcs1Sha256, Message, TestContext.Current.CancellationToken));

        Assert.False(next.IsCurrent);
        Assert.Equal(BrokerErrors.Name(BrokerError.SigningKeyUnknown), refused.Code);
    }
}
