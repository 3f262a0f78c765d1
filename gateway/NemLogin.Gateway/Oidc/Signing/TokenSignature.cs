using NemLogin.Gateway.Signing;
using NemLogin.Grains;
using NemLogin.Grains.Errors;
using NemLogin.Grains.Signing;
using Microsoft.IdentityModel.Tokens;

namespace NemLogin.Gateway.Oidc.Signing;

/// <summary>
/// One JWS signature from the signer pool with the published key <c>signer</c> names (the key never leaves the pool). A
/// slow or refusing pool and a reply from another key become <see cref="SigningUnavailableException"/> or
/// <see cref="SigningKeyChangedException"/>, which answer 503: never an unsigned token.
/// </summary>
internal static class TokenSignature
{
    /// <summary>How long a token waits for the pool before the request gives up.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Signs <paramref name="input"/> with <paramref name="signer"/>. A refusal because that key is retired or its site's
    /// HSM cannot be reached (a data centre lost) makes <paramref name="keys"/> read the published keys again, so the next
    /// token takes the current key of a site that answers instead of failing for the rest of the cache's lifetime.
    /// </summary>
    public static async Task<byte[]> SignAsync(
        IGrainFactory grains, TokenSigningKeys keys, TokenSigningKeys.PublishedKey signer, string algorithm, byte[] input, CancellationToken cancellationToken)
    {
        var scheme = algorithm == SecurityAlgorithms.EcdsaSha256 ? SigningAlgorithm.EcdsaP256Sha256 : SigningAlgorithm.RsaPkcs1Sha256;
        SignatureResult result;
        try
        {
            result = await grains.Reference<ISignerGrain>(0)
                .SignWithKeyAsync(KeyPurpose.TokenSigning, signer.Info.KeyId, scheme, input)
                .WaitAsync(MaxWait, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new SigningUnavailableException(BrokerErrors.Name(BrokerError.SigningOverloaded), "The signer pool did not answer in time.", ex);
        }
        catch (GrainRuleException ex)
        {
            if (SigningRefusals.ForgetsKeys(ex.Code))
            {
                keys.Invalidate();
            }

            throw new SigningUnavailableException(ex.Code, "The signer pool refused to sign the token.", ex);
        }

        return result.KeyId == signer.Info.KeyId && result.Signature.Length > 0
            ? result.Signature
            : throw new SigningKeyChangedException(signer.Info.KeyId, result.KeyId);
    }

    /// <summary>The length of a signature by <paramref name="signer"/>: the RSA modulus, or r and s of P-256.</summary>
    public static int Length(TokenSigningKeys.PublishedKey signer) =>
        signer.PublicKey is ECDsaSecurityKey ? 64 : signer.PublicKey.KeySize / 8;
}
