using System.Security.Cryptography;

namespace NemLogin.Grains.Signing;

/// <summary>An RSA key held in process memory. For the embedded demo only.</summary>
internal sealed class SoftwareSigningKey(SigningKeyInfo info, RSA privateKey) : ISigningKey
{
    public SigningKeyInfo Info { get; } = info;

    public byte[] Sign(SigningAlgorithm algorithm, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var padding = algorithm switch
        {
            SigningAlgorithm.RsaPkcs1Sha256 => RSASignaturePadding.Pkcs1,
            SigningAlgorithm.RsaPssSha256 => RSASignaturePadding.Pss,
            _ => throw new GrainRuleException("signing.algorithm-unsupported", $"The software key store has no key for {algorithm}."),
        };
        return privateKey.SignData(data, HashAlgorithmName.SHA256, padding);
    }

    public void Dispose() => privateKey.Dispose();
}
