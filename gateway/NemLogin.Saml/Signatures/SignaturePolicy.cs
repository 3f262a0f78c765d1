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

    /// <summary>The algorithms OIOSAML 3 allows.</summary>
    public static SignaturePolicy Default { get; } = new();
}
