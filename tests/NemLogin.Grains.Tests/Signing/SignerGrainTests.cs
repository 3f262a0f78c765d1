using NemLogin.Grains.Errors;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using NemLogin.Grains.Signing;

namespace NemLogin.Grains.Tests.Signing;

[Collection(ClusterCollection.Name)]
public sealed class SignerGrainTests(ClusterFixture fixture)
{
    private static readonly byte[] Message = Encoding.UTF8.GetBytes("<ds:SignedInfo>assertion</ds:SignedInfo>");

    private ISignerGrain Signer => fixture.Grains.GetGrain<ISignerGrain>(0);

    [Theory]
    [InlineData(SigningAlgorithm.RsaPkcs1Sha256)]
    [InlineData(SigningAlgorithm.RsaPssSha256)]
    public async Task Signer_Signature_VerifiesWithPublishedCertificate(SigningAlgorithm algorithm)
    {
        var result = await Signer.SignAsync(KeyPurpose.SamlSigning, algorithm, Message);

        var key = Assert.Single(await Signer.GetKeysAsync(KeyPurpose.SamlSigning));
        using var certificate = X509CertificateLoader.LoadCertificate(key.CertificateDer);
        using var publicKey = certificate.GetRSAPublicKey()!;
        var padding = algorithm == SigningAlgorithm.RsaPssSha256 ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
        Assert.Equal(key.KeyId, result.KeyId);
        Assert.True(publicKey.VerifyData(Message, result.Signature, HashAlgorithmName.SHA256, padding));
        Assert.False(publicKey.VerifyData(Encoding.UTF8.GetBytes("<ds:SignedInfo>tampered</ds:SignedInfo>"), result.Signature, HashAlgorithmName.SHA256, padding));
    }

    [Fact]
    public async Task Signer_Keys_CurrentSoftwareKeyIdentifiedByCertificateThumbprint()
    {
        var key = Assert.Single(await Signer.GetKeysAsync(KeyPurpose.SamlSigning));

        Assert.True(key.IsCurrent);
        Assert.Equal("Software", key.Provider);
        Assert.Equal(KeyPurpose.SamlSigning, key.Purpose);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(key.CertificateDer)), key.KeyId);
    }

    [Fact]
    public async Task Signer_SoftwareCertificate_SaysDemoOnlyAndLastsTwoYears()
    {
        var key = Assert.Single(await Signer.GetKeysAsync(KeyPurpose.SamlSigning));

        using var certificate = X509CertificateLoader.LoadCertificate(key.CertificateDer);
        Assert.Equal("CN=NemLogin.Orleans DEMO ONLY SAML signing", certificate.Subject);
        Assert.Equal(2048, certificate.GetRSAPublicKey()!.KeySize);
        Assert.Equal(TimeSpan.FromDays(2 * 365) + TimeSpan.FromMinutes(5), certificate.NotAfter - certificate.NotBefore);
        Assert.False(certificate.HasPrivateKey);
    }

    [Fact]
    public async Task Signer_Purposes_HaveDistinctKeys()
    {
        var saml = Assert.Single(await Signer.GetKeysAsync(KeyPurpose.SamlSigning));
        var token = Assert.Single(await Signer.GetKeysAsync(KeyPurpose.TokenSigning));

        Assert.NotEqual(saml.KeyId, token.KeyId);
    }

    [Fact]
    public async Task Signer_EcdsaOnSoftwareStore_RefusedWithCode()
    {
        var refused = await Assert.ThrowsAsync<GrainRuleException>(
            () => Signer.SignAsync(KeyPurpose.SamlSigning, SigningAlgorithm.EcdsaP256Sha256, Message));

        Assert.Equal(BrokerErrors.Name(BrokerError.SigningAlgorithmUnsupported), refused.Code);
    }

    [Fact]
    public async Task Signer_SignWithPublishedKeyId_SignsWithThatKey()
    {
        var key = Assert.Single(await Signer.GetKeysAsync(KeyPurpose.SamlSigning));

        var result = await Signer.SignWithKeyAsync(KeyPurpose.SamlSigning, key.KeyId, SigningAlgorithm.RsaPkcs1Sha256, Message);

        using var certificate = X509CertificateLoader.LoadCertificate(key.CertificateDer);
        Assert.Equal(key.KeyId, result.KeyId);
        Assert.True(certificate.GetRSAPublicKey()!.VerifyData(Message, result.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public async Task Signer_SignWithUnpublishedKeyId_RefusedWithKeyUnknown()
    {
        // The token-signing key is published, but not for SAML: a key id names a key of one purpose only.
        var other = Assert.Single(await Signer.GetKeysAsync(KeyPurpose.TokenSigning));

        var refused = await Assert.ThrowsAsync<GrainRuleException>(
            () => Signer.SignWithKeyAsync(KeyPurpose.SamlSigning, other.KeyId, SigningAlgorithm.RsaPkcs1Sha256, Message));

        Assert.Equal(BrokerErrors.Name(BrokerError.SigningKeyUnknown), refused.Code);
    }

    [Fact]
    public async Task Signer_ManyConcurrentRequests_AllSignWithTheSameKey()
    {
        // Stateless-worker pool: activations in both silos must use the one key the folder holds.
        var results = await Task.WhenAll(Enumerable.Range(0, 32)
            .Select(_ => Signer.SignAsync(KeyPurpose.SamlSigning, SigningAlgorithm.RsaPkcs1Sha256, Message)));

        var key = Assert.Single(await Signer.GetKeysAsync(KeyPurpose.SamlSigning));
        using var certificate = X509CertificateLoader.LoadCertificate(key.CertificateDer);
        using var publicKey = certificate.GetRSAPublicKey()!;
        Assert.All(results, result =>
        {
            Assert.Equal(key.KeyId, result.KeyId);
            Assert.True(publicKey.VerifyData(Message, result.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        });
    }
}
