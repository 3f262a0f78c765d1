using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Net.Pkcs11Interop.Common;
using NemLogin.Grains;
using NemLogin.Grains.Errors;
using NemLogin.Grains.Signing;
using NemLogin.Grains.Signing.Pkcs11;

namespace NemLogin.Hsm.Tests.Decryption;

/// <summary>
/// The signer pool's decrypt operation against a SoftHSM2 token (docs/security.md, organisations' own IdPs): a content key
/// encrypted to the saml-encryption certificate comes back; an altered ciphertext, another key's ciphertext and a device
/// answer that only looks like one get one generic refusal without faulting the pool (no padding oracle, no denial of
/// signing by garbage); RSA PKCS#1 v1.5 never reaches the token (Bleichenbacher); a device error still fails fast.
/// </summary>
public sealed class Pkcs11DecryptionTests : IDisposable
{
    private static readonly byte[] Message = "<ds:SignedInfo>assertion</ds:SignedInfo>"u8.ToArray();
    private static readonly KeyTransportMethod Mgf1p = new(KeyTransportMethods.RsaOaepMgf1p, null, null);
    private readonly HsmStore _hsm;

    public Pkcs11DecryptionTests()
    {
        var token = SoftHsm.NewToken("decrypt");
        token.KeyRefreshInterval = TimeSpan.FromHours(1);
        _hsm = new HsmStore(token);
        _hsm.Keys().Generate(KeyPurpose.SamlSigning, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);
        _hsm.Keys().Generate(KeyPurpose.SamlEncryption, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);
    }

    public static TheoryData<string, string?, string?> OaepSha1Spellings => new()
    {
        { KeyTransportMethods.RsaOaepMgf1p, null, null },
        { KeyTransportMethods.RsaOaepMgf1p, KeyTransportMethods.Sha1, null },
        { KeyTransportMethods.RsaOaep, null, null },
        { KeyTransportMethods.RsaOaep, KeyTransportMethods.Sha1, KeyTransportMethods.Mgf1Sha1 },
    };

    [Theory]
    [MemberData(nameof(OaepSha1Spellings))]
    public async Task DecryptKey_OaepSha1ToTheTokenCertificate_ReturnsTheContentKey(string algorithm, string? digest, string? mgf)
    {
        var certificate = await EncryptionCertificateAsync();
        var contentKey = RandomNumberGenerator.GetBytes(32);

        var decrypted = await _hsm.Store.DecryptKeyAsync(
            KeyPurpose.SamlEncryption, null, new KeyTransportMethod(algorithm, digest, mgf), Encrypt(certificate, contentKey, RSAEncryptionPadding.OaepSHA1), Ct);

        Assert.Equal(contentKey, decrypted.Key);
        Assert.Equal(Convert.ToHexStringLower(certificate.GetCertHash(HashAlgorithmName.SHA256)), decrypted.KeyId);
        Assert.Equal(1, _hsm.Sessions.DecryptCalls);
    }

    [Fact]
    public async Task DecryptKey_NamedKey_OnlyThatKeyIsUsed()
    {
        var certificate = await EncryptionCertificateAsync();
        var keyId = Convert.ToHexStringLower(certificate.GetCertHash(HashAlgorithmName.SHA256));
        var contentKey = RandomNumberGenerator.GetBytes(16);

        var decrypted = await _hsm.Store.DecryptKeyAsync(KeyPurpose.SamlEncryption, keyId, Mgf1p, Encrypt(certificate, contentKey, RSAEncryptionPadding.OaepSHA1), Ct);
        var unknown = await Assert.ThrowsAsync<GrainRuleException>(() => _hsm.Store.DecryptKeyAsync(
            KeyPurpose.SamlEncryption, new string('0', 64), Mgf1p, Encrypt(certificate, contentKey, RSAEncryptionPadding.OaepSHA1), Ct));

        Assert.Equal(contentKey, decrypted.Key);
        Assert.Equal(BrokerErrors.Name(BrokerError.SigningKeyUnknown), unknown.Code);
    }

    public static TheoryData<string> Tamperings => ["flipped-byte", "another-key", "truncated", "oversized", "empty"];

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task DecryptKey_CiphertextTheTokenRefuses_OneGenericRefusalAndThePoolKeepsSigning(string tampering)
    {
        // Attack classes: padding oracle (Bleichenbacher/Manger) — every refused ciphertext gets the same answer — and denial
        // of service — a refused ciphertext is the sender's fault, never a device fault that would stop signing.
        var certificate = await EncryptionCertificateAsync();
        var honest = Encrypt(certificate, RandomNumberGenerator.GetBytes(32), RSAEncryptionPadding.OaepSHA1);
        var ciphertext = tampering switch
        {
            "flipped-byte" => Flip(honest, 100),
            "another-key" => Encrypt(NewCertificate(), RandomNumberGenerator.GetBytes(32), RSAEncryptionPadding.OaepSHA1),
            "truncated" => honest[..^1],
            "oversized" => [.. honest, 0],
            "empty" => [],
            _ => throw new ArgumentOutOfRangeException(nameof(tampering)),
        };

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => _hsm.Store.DecryptKeyAsync(KeyPurpose.SamlEncryption, null, Mgf1p, ciphertext, Ct));

        Assert.Equal(BrokerErrors.Name(BrokerError.SigningDecryptionFailed), refused.Code);
        Assert.Equal("The encrypted key could not be decrypted.", refused.Message);
        Assert.Null(_hsm.Store.Pool.Fault);
        Assert.True(await SignsAsync());
    }

    [Fact]
    public async Task DecryptKey_GeneralErrorWhileTheSessionAnswers_GenericRefusalNotAFault()
    {
        // SoftHSM2 answers a bad OAEP block with CKR_GENERAL_ERROR: the pool tells it from a dead device by reading the key.
        var certificate = await EncryptionCertificateAsync();
        _hsm.Sessions.FailNextDecrypts(CKR.CKR_GENERAL_ERROR);

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => _hsm.Store.DecryptKeyAsync(
            KeyPurpose.SamlEncryption, null, Mgf1p, Encrypt(certificate, RandomNumberGenerator.GetBytes(32), RSAEncryptionPadding.OaepSHA1), Ct));

        Assert.Equal(BrokerErrors.Name(BrokerError.SigningDecryptionFailed), refused.Code);
        Assert.Null(_hsm.Store.Pool.Fault);
    }

    [Fact]
    public async Task DecryptKey_DeviceError_FailsFastAsHsmUnavailable()
    {
        var certificate = await EncryptionCertificateAsync();
        _hsm.Sessions.FailNextDecrypts(CKR.CKR_DEVICE_ERROR);

        var failed = await Assert.ThrowsAsync<GrainRuleException>(() => _hsm.Store.DecryptKeyAsync(
            KeyPurpose.SamlEncryption, null, Mgf1p, Encrypt(certificate, RandomNumberGenerator.GetBytes(32), RSAEncryptionPadding.OaepSHA1), Ct));

        Assert.Equal(BrokerErrors.Name(BrokerError.SigningHsmUnavailable), failed.Code);
        Assert.True(BrokerErrors.IsTransientSigning(failed.Code));
        Assert.Equal("CKR_DEVICE_ERROR", _hsm.Store.Pool.Fault?.ReturnCode);
    }

    public static TheoryData<string, string?, string?> RefusedMethods => new()
    {
        { KeyTransportMethods.Rsa15, null, null },
        { "http://www.w3.org/2001/04/xmlenc#kw-aes256", null, null },
        { KeyTransportMethods.RsaOaep, "http://www.w3.org/2001/04/xmldsig-more#md5", null },
        { KeyTransportMethods.RsaOaep, null, "http://www.w3.org/2009/xmlenc11#mgf1sha512" },
        { KeyTransportMethods.RsaOaepMgf1p, null, KeyTransportMethods.Mgf1Sha256 },
    };

    [Theory]
    [MemberData(nameof(RefusedMethods))]
    public async Task DecryptKey_NotRsaOaep_RefusedBeforeTheToken(string algorithm, string? digest, string? mgf)
    {
        // Attack class: Bleichenbacher's RSA PKCS#1 v1.5 padding oracle (the 2012 XML Encryption attack) — a v1.5
        // ciphertext is never given to the token, whatever it holds.
        var certificate = await EncryptionCertificateAsync();

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => _hsm.Store.DecryptKeyAsync(
            KeyPurpose.SamlEncryption, null, new KeyTransportMethod(algorithm, digest, mgf), Encrypt(certificate, RandomNumberGenerator.GetBytes(32), RSAEncryptionPadding.Pkcs1), Ct));

        Assert.Equal(BrokerErrors.Name(BrokerError.SigningDecryptionAlgorithmRefused), refused.Code);
        Assert.Equal(0, _hsm.Sessions.DecryptCalls);
    }

    [Fact]
    public async Task DecryptKey_OaepSha256_DecryptedOrRefusedAsAnAlgorithmNeverAsAFault()
    {
        // XML Encryption 1.1 rsa-oaep with SHA-256 and MGF1-SHA-256 goes to the token as CKM_RSA_PKCS_OAEP with those
        // parameters. SoftHSM2 2.6 implements OAEP with SHA-1 only (CKR_ARGUMENTS_BAD at C_DecryptInit): the sender hears
        // "algorithm refused", and the pool stays healthy. A token that implements it returns the key.
        var certificate = await EncryptionCertificateAsync();
        var contentKey = RandomNumberGenerator.GetBytes(32);
        var method = new KeyTransportMethod(KeyTransportMethods.RsaOaep, KeyTransportMethods.Sha256, KeyTransportMethods.Mgf1Sha256);

        try
        {
            var decrypted = await _hsm.Store.DecryptKeyAsync(KeyPurpose.SamlEncryption, null, method, Encrypt(certificate, contentKey, RSAEncryptionPadding.OaepSHA256), Ct);
            Assert.Equal(contentKey, decrypted.Key);
        }
        catch (GrainRuleException refused)
        {
            Assert.Equal(BrokerErrors.Name(BrokerError.SigningDecryptionAlgorithmRefused), refused.Code);
            Assert.Contains("SHA256", refused.Message, StringComparison.Ordinal);
        }

        Assert.Null(_hsm.Store.Pool.Fault);
        Assert.True(await SignsAsync());
    }

    [Fact]
    public async Task KeyPurposes_SigningKeyNeverDecryptsEncryptionKeyNeverSigns()
    {
        // Key separation, asked of the pool.
        var certificate = await EncryptionCertificateAsync();

        var decryptWithSigning = await Assert.ThrowsAsync<GrainRuleException>(() => _hsm.Store.DecryptKeyAsync(
            KeyPurpose.SamlSigning, null, Mgf1p, Encrypt(certificate, RandomNumberGenerator.GetBytes(32), RSAEncryptionPadding.OaepSHA1), Ct));
        var signWithEncryption = await Assert.ThrowsAsync<GrainRuleException>(() => _hsm.Store.SignAsync(
            KeyPurpose.SamlEncryption, null, SigningAlgorithm.RsaPkcs1Sha256, Message, Ct));

        Assert.Equal(BrokerErrors.Name(BrokerError.SigningKeyUnknown), decryptWithSigning.Code);
        Assert.Equal(BrokerErrors.Name(BrokerError.SigningKeyUnknown), signWithEncryption.Code);
        Assert.Equal(0, _hsm.Sessions.DecryptCalls);
    }

    [Fact]
    public async Task EncryptionCertificate_IssuedByTheTokenSigningKey()
    {
        var encryption = await EncryptionCertificateAsync();
        var signing = X509CertificateLoader.LoadCertificate((await _hsm.Store.GetKeysAsync(KeyPurpose.SamlSigning, Ct))[0].CertificateDer);

        // RFC 5280 §4.1: Certificate = SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }.
        var certificate = new AsnReader(encryption.RawData, AsnEncodingRules.DER).ReadSequence();
        var toBeSigned = certificate.ReadEncodedValue();
        certificate.ReadSequence();
        var signature = certificate.ReadBitString(out _);

        Assert.True(signing.GetRSAPublicKey()!.VerifyData(toBeSigned.Span, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Equal(signing.Subject, encryption.Issuer);
        Assert.Equal(X509KeyUsageFlags.KeyEncipherment, encryption.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
    }

    public void Dispose() => _hsm.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<X509Certificate2> EncryptionCertificateAsync() =>
        X509CertificateLoader.LoadCertificate(Assert.Single(await _hsm.Store.GetKeysAsync(KeyPurpose.SamlEncryption, Ct)).CertificateDer);

    private async Task<bool> SignsAsync()
    {
        var result = await _hsm.Store.SignAsync(KeyPurpose.SamlSigning, null, SigningAlgorithm.RsaPkcs1Sha256, Message, Ct);
        var key = (await _hsm.Store.GetKeysAsync(KeyPurpose.SamlSigning, Ct))[0];
        return Signatures.Verify(key.CertificateDer, SigningAlgorithm.RsaPkcs1Sha256, Message, result.Signature);
    }

    private static byte[] Encrypt(X509Certificate2 certificate, byte[] key, RSAEncryptionPadding padding)
    {
        using var rsa = certificate.GetRSAPublicKey()!;
        return rsa.Encrypt(key, padding);
    }

    private static byte[] Flip(byte[] bytes, int index)
    {
        var copy = (byte[])bytes.Clone();
        copy[index] ^= 0x01;
        return copy;
    }

    private static X509Certificate2 NewCertificate()
    {
        using var rsa = RSA.Create(2048);
        return new CertificateRequest("CN=another recipient", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }
}
