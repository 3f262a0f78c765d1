using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NemLogin.Grains.Signing;

namespace NemLogin.Hsm.Tests.Support;

/// <summary>Verifies signer output with .NET's own crypto and the published certificate only.</summary>
internal static class Signatures
{
    public static bool Verify(byte[] certificateDer, SigningAlgorithm algorithm, byte[] data, byte[] signature)
    {
        using var certificate = X509CertificateLoader.LoadCertificate(certificateDer);
        return algorithm switch
        {
            SigningAlgorithm.RsaPkcs1Sha256 => certificate.GetRSAPublicKey()!.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            SigningAlgorithm.RsaPssSha256 => certificate.GetRSAPublicKey()!.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
            SigningAlgorithm.EcdsaP256Sha256 => certificate.GetECDsaPublicKey()!.VerifyData(
                data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
        };
    }
}
