using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace NemLogin.Gateway.Oidc.Signing;

/// <summary>
/// Signs a JWS with the signer pool's key named in the token's <c>kid</c>, for whatever signs through Microsoft.IdentityModel
/// synchronously. OpenIddict's ID and access tokens do not come here: <see cref="Server.DeferPoolSignature"/> and
/// <see cref="Server.CompletePoolSignature"/> sign them without blocking. Here the grain call is waited for with a bound
/// (<see cref="TokenSignature.MaxWait"/>); a slow or failing pool answers 503 (never an unsigned token).
/// </summary>
internal sealed class SignerPoolSignatureProvider(IGrainFactory grains, TokenSigningKeys keys, SecurityKey key, TokenSigningKeys.PublishedKey signer, string algorithm)
    : SignatureProvider(key, algorithm)
{
    // Synchronous by necessity (see the class comment): blocks a thread for the pool's answer.
    public override byte[] Sign(byte[] input) =>
        TokenSignature.SignAsync(grains, keys, signer, Algorithm, input, CancellationToken.None).GetAwaiter().GetResult();

    public override bool Sign(ReadOnlySpan<byte> data, Span<byte> destination, out int bytesWritten)
    {
        var signature = Sign(data.ToArray());
        bytesWritten = signature.Length;
        return signature.AsSpan().TryCopyTo(destination);
    }

    public override bool Verify(byte[] input, byte[] signature) => signer.PublicKey switch
    {
        RsaSecurityKey { Parameters: var p } => Rsa(p).VerifyData(input, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        ECDsaSecurityKey { ECDsa: var ec } => ec.VerifyData(input, signature, HashAlgorithmName.SHA256),
        _ => false,
    };

    public override bool Verify(byte[] input, int inputOffset, int inputLength, byte[] signature, int signatureOffset, int signatureLength) =>
        Verify(input.AsSpan(inputOffset, inputLength).ToArray(), signature.AsSpan(signatureOffset, signatureLength).ToArray());

    protected override void Dispose(bool disposing)
    {
    }

    private static RSA Rsa(RSAParameters parameters)
    {
        var rsa = RSA.Create();
        rsa.ImportParameters(parameters);
        return rsa;
    }
}
