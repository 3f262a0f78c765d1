namespace NemLogin.Grains.Signing;

/// <summary>Signature schemes the signer pool offers. The input is always the message; the signer hashes it.</summary>
[GenerateSerializer]
[Alias("nl.signing.algorithm")]
public enum SigningAlgorithm
{
    RsaPkcs1Sha256 = 0,
    RsaPssSha256 = 1,
    EcdsaP256Sha256 = 2,
}
