namespace NemLogin.Saml.Signatures;

/// <summary>Which signature and digest algorithms a verifier accepts.</summary>
public sealed record SignaturePolicy
{
    /// <summary>Signature method URIs accepted.</summary>
    public IReadOnlySet<string> AllowedSignatureAlgorithms { get; init; } = new HashSet<string>(StringComparer.Ordinal)
    {
        SamlConstants.Algorithms.RsaSha256,
        SamlConstants.Algorithms.RsaSha384,
        SamlConstants.Algorithms.RsaSha512,
        SamlConstants.Algorithms.RsaPssSha256,
        SamlConstants.Algorithms.EcdsaSha256,
    };

    /// <summary>Digest method URIs accepted.</summary>
    public IReadOnlySet<string> AllowedDigestAlgorithms { get; init; } = new HashSet<string>(StringComparer.Ordinal)
    {
        SamlConstants.Algorithms.Sha256,
        SamlConstants.Algorithms.Sha384,
        SamlConstants.Algorithms.Sha512,
    };

    /// <summary>
    /// The smallest RSA key (modulus bits) a signature may be verified with, and that registered metadata may carry for
    /// signing or encryption: 2048 (OIOSAML 3 and OCES3 keys; NIST SP 800-131A disallows less since 2013).
    /// </summary>
    public int MinimumRsaKeyBits { get; init; } = 2048;

    /// <summary>The smallest elliptic-curve key (field bits) a signature may be verified with: 256, that is P-256.</summary>
    public int MinimumEcKeyBits { get; init; } = 256;

    /// <summary>The algorithms and key sizes OIOSAML 3 allows.</summary>
    public static SignaturePolicy Default { get; } = new();
}
