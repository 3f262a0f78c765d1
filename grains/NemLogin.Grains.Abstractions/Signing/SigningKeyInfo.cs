namespace NemLogin.Grains.Signing;

/// <summary>The public half of a broker signing key: its id and certificate (DER). Never the private key.</summary>
[GenerateSerializer, Immutable]
[Alias("nl.signing.key-info")]
public sealed record SigningKeyInfo(
    [property: Id(0)] string KeyId,
    [property: Id(1)] KeyPurpose Purpose,
    [property: Id(2)] byte[] CertificateDer,
    [property: Id(3)] bool IsCurrent,
    [property: Id(4)] string Provider);
