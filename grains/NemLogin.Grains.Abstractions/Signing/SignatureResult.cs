namespace NemLogin.Grains.Signing;

/// <summary>A signature and the id of the key that made it.</summary>
[GenerateSerializer, Immutable]
[Alias("nl.signing.result")]
public sealed record SignatureResult(
    [property: Id(0)] string KeyId,
    [property: Id(1)] byte[] Signature);
