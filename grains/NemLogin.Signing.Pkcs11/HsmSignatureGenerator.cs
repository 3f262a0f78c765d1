using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>
/// Lets .NET's <see cref="CertificateRequest"/> build a certificate whose signature the HSM makes: algorithm identifier
/// and public key come from a public-only template generator, the signature from <paramref name="sign"/>.
/// </summary>
internal sealed class HsmSignatureGenerator(X509SignatureGenerator publicTemplate, Func<byte[], byte[]> sign) : X509SignatureGenerator
{
    public override byte[] GetSignatureAlgorithmIdentifier(HashAlgorithmName hashAlgorithm) => publicTemplate.GetSignatureAlgorithmIdentifier(hashAlgorithm);

    public override byte[] SignData(byte[] data, HashAlgorithmName hashAlgorithm) =>
        hashAlgorithm == HashAlgorithmName.SHA256
            ? sign(data)
            : throw new CryptographicException($"The HSM certificate issuer signs with SHA-256 only, not {hashAlgorithm}.");

    protected override PublicKey BuildPublicKey() => publicTemplate.PublicKey;
}
