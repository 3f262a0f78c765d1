using Microsoft.IdentityModel.Tokens;

namespace NemLogin.Gateway.Oidc.Signing;

/// <summary>Signature providers for <see cref="SignerPoolSecurityKey"/>; one per token (never cached: the current key may roll over).</summary>
internal sealed class SignerPoolCryptoProviderFactory(IGrainFactory grains, TokenSigningKeys keys) : CryptoProviderFactory
{
    public override bool IsSupportedAlgorithm(string algorithm, SecurityKey key) =>
        key is SignerPoolSecurityKey pool && string.Equals(algorithm, pool.Algorithm, StringComparison.Ordinal);

    public override SignatureProvider CreateForSigning(SecurityKey key, string algorithm) => Create(key, algorithm);

    public override SignatureProvider CreateForSigning(SecurityKey key, string algorithm, bool cacheProvider) => Create(key, algorithm);

    public override SignatureProvider CreateForVerifying(SecurityKey key, string algorithm) => Create(key, algorithm);

    public override SignatureProvider CreateForVerifying(SecurityKey key, string algorithm, bool cacheProvider) => Create(key, algorithm);

    public override void ReleaseSignatureProvider(SignatureProvider signatureProvider) => signatureProvider.Dispose();

    private SignatureProvider Create(SecurityKey key, string algorithm)
    {
        if (key is not SignerPoolSecurityKey pool || !string.Equals(algorithm, pool.Algorithm, StringComparison.Ordinal))
        {
            // No "none", no HMAC, no other algorithm with the pool's key (algorithm confusion).
            throw new NotSupportedException($"The signer pool key signs only with {(key as SignerPoolSecurityKey)?.Algorithm}, not {algorithm}.");
        }

        var current = keys.Loaded?.Current
            ?? throw new InvalidOperationException("The token-signing keys were not loaded before signing.");
        return new SignerPoolSignatureProvider(grains, keys, pool, current, algorithm);
    }
}
