using Microsoft.IdentityModel.Tokens;

namespace NemLogin.Gateway.Oidc.Signing;

/// <summary>
/// Stands in for the signer pool's key while Microsoft.IdentityModel writes a token: the header names the pool's key
/// (<c>kid</c>, <c>alg</c>), and the "signature" it asks for is a placeholder of the right length while the signing input
/// is kept (<see cref="SigningInput"/>). The real signature is then fetched from the pool asynchronously and put in the
/// placeholder's place. No private key exists here; nothing is ever signed with the placeholder.
/// </summary>
internal sealed class DeferredSigningKey : AsymmetricSecurityKey
{
    public DeferredSigningKey(TokenSigningKeys.PublishedKey signer, string algorithm)
    {
        Signer = signer;
        Algorithm = algorithm;
        Placeholder = new byte[TokenSignature.Length(signer)];
        KeyId = signer.Info.KeyId;
        CryptoProviderFactory = new Factory(this);
    }

    /// <summary>The pool's key the token is to be signed with.</summary>
    public TokenSigningKeys.PublishedKey Signer { get; }

    public string Algorithm { get; }

    /// <summary>What stands where the signature goes until the pool has signed.</summary>
    public byte[] Placeholder { get; }

    /// <summary><c>BASE64URL(header) . BASE64URL(payload)</c> as written, or null while nothing was written.</summary>
    public byte[]? SigningInput { get; private set; }

    [Obsolete("HasPrivateKey is obsolete in Microsoft.IdentityModel; PrivateKeyStatus answers.")]
    public override bool HasPrivateKey => true;

    public override PrivateKeyStatus PrivateKeyStatus => PrivateKeyStatus.Exists;

    public override int KeySize => Signer.PublicKey.KeySize;

    private sealed class Factory(DeferredSigningKey key) : CryptoProviderFactory
    {
        public override bool IsSupportedAlgorithm(string algorithm, SecurityKey securityKey) =>
            ReferenceEquals(securityKey, key) && string.Equals(algorithm, key.Algorithm, StringComparison.Ordinal);

        public override SignatureProvider CreateForSigning(SecurityKey securityKey, string algorithm) => Create(securityKey, algorithm);

        public override SignatureProvider CreateForSigning(SecurityKey securityKey, string algorithm, bool cacheProvider) => Create(securityKey, algorithm);

        // Verification never uses this key: tokens are validated against the published keys.
        public override SignatureProvider CreateForVerifying(SecurityKey securityKey, string algorithm) =>
            throw new NotSupportedException("A deferred signing key does not verify.");

        public override SignatureProvider CreateForVerifying(SecurityKey securityKey, string algorithm, bool cacheProvider) =>
            CreateForVerifying(securityKey, algorithm);

        public override void ReleaseSignatureProvider(SignatureProvider signatureProvider) => signatureProvider.Dispose();

        private Capture Create(SecurityKey securityKey, string algorithm) =>
            IsSupportedAlgorithm(algorithm, securityKey)
                ? new Capture(key)
                : throw new NotSupportedException($"The deferred key signs only with {key.Algorithm}, not {algorithm}.");
    }

    private sealed class Capture(DeferredSigningKey key) : SignatureProvider(key, key.Algorithm)
    {
        public override byte[] Sign(byte[] input)
        {
            Keep(input);
            return (byte[])key.Placeholder.Clone();
        }

        public override bool Sign(ReadOnlySpan<byte> data, Span<byte> destination, out int bytesWritten)
        {
            Keep(data.ToArray());
            bytesWritten = key.Placeholder.Length;
            return key.Placeholder.AsSpan().TryCopyTo(destination);
        }

        public override bool Verify(byte[] input, byte[] signature) => false;

        public override bool Verify(byte[] input, int inputOffset, int inputLength, byte[] signature, int signatureOffset, int signatureLength) => false;

        protected override void Dispose(bool disposing)
        {
        }

        // One token per key: a second signing input would leave the first token without its signature.
        private void Keep(byte[] input) =>
            key.SigningInput = key.SigningInput is null ? input : throw new InvalidOperationException("A deferred signing key signs one token only.");
    }
}
