namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>What <c>keys list</c> shows about a private key in the token. Public facts and attribute flags only.</summary>
public sealed record HsmKeyDescription(
    string Label,
    KeyPurpose? Purpose,
    KeyRole? Role,
    string CkaId,
    string Algorithm,
    bool Sensitive,
    bool Extractable,
    bool AlwaysSensitive,
    bool NeverExtractable,
    string? KeyId,
    string? Subject,
    DateTimeOffset? NotBefore,
    DateTimeOffset? NotAfter);
