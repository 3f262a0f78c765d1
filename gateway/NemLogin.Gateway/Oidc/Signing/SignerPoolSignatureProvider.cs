using NemLogin.Grains.Errors;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using NemLogin.Gateway.Signing;
using NemLogin.Grains;
using NemLogin.Grains.Signing;

namespace NemLogin.Gateway.Oidc.Signing;

/// <summary>
/// Signs a JWS with the signer pool's key named in the token's <c>kid</c>. Microsoft.IdentityModel calls
/// <see cref="Sign(byte[])"/> synchronously from OpenIddict's token generation, which has no asynchronous signing hook;
/// the grain call is therefore awaited here with a bounded wait (<see cref="MaxWait"/>), after the request path has
/// already loaded the keys asynchronously. A slow or failing pool answers 503 (never an unsigned token).
/// </summary>
internal sealed class SignerPoolSignatureProvider(IGrainFactory grains, SecurityKey key, TokenSigningKeys.PublishedKey signer, string algorithm)
    : SignatureProvider(key, algorithm)
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    public override byte[] Sign(byte[] input)
    {
        var scheme = Algorithm == SecurityAlgorithms.EcdsaSha256 ? SigningAlgorithm.EcdsaP256Sha256 : SigningAlgorithm.RsaPkcs1Sha256;
        SignatureResult result;
        try
        {
            result = grains.GetGrain<ISignerGrain>(0)
                .SignWithKeyAsync(KeyPurpose.TokenSigning, signer.Info.KeyId, scheme, input)
                .WaitAsync(MaxWait)
                .GetAwaiter()
                .GetResult();
        }
        catch (TimeoutException ex)
        {
            throw new SigningUnavailableException(BrokerErrors.Name(BrokerError.SigningOverloaded), "The signer pool did not answer in time.", ex);
        }
        catch (GrainRuleException ex)
        {
            throw new SigningUnavailableException(ex.Code, "The signer pool refused to sign the token.", ex);
        }

        return result.KeyId == signer.Info.KeyId && result.Signature.Length > 0
            ? result.Signature
            : throw new SigningKeyChangedException(signer.Info.KeyId, result.KeyId);
    }

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
