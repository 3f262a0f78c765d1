using System.Security.Cryptography;
using NemLogin.Grains;
using NemLogin.Grains.Errors;
using NemLogin.Grains.Signing;
using NemLogin.Saml;
using NemLogin.Saml.Encryption;

namespace NemLogin.Gateway.Signing;

/// <summary>
/// Recovers an assertion's content-encryption key through the signer pool (<see cref="ISignerGrain.DecryptKeyAsync"/>), so
/// the broker's encryption private key stays where the pool keeps it. A recipient certificate in the EncryptedKey names
/// the pool key (key id = the certificate's SHA-256 thumbprint); the pool, not a cache here, decides whether it is one of
/// its keys. Every answer that depends on the ciphertext or names a key the pool does not have becomes null, which the
/// SAML library turns into its one DecryptionFailed; a busy or failed HSM propagates (the gateway answers 503).
/// </summary>
internal sealed class GrainKeyUnwrapper(IGrainFactory grains) : IKeyUnwrapper
{
    public async ValueTask<byte[]?> UnwrapAsync(EncryptedKeyTransport key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var keyId = key.RecipientCertificate is { } named ? Convert.ToHexStringLower(SHA256.HashData(named.RawData)) : null;
        try
        {
            var decrypted = await grains.Reference<ISignerGrain>(0)
                .DecryptKeyAsync(KeyPurpose.SamlEncryption, keyId, new KeyTransportMethod(key.Algorithm, key.DigestMethod, key.MaskGenerationFunction), key.CipherValue)
                .WaitAsync(cancellationToken);
            return decrypted.Key;
        }
        catch (GrainRuleException ex) when (ex.Code == BrokerErrors.Name(BrokerError.SigningDecryptionAlgorithmRefused))
        {
            throw new SamlException(SamlErrorCode.EncryptionAlgorithmNotAllowed, ex.Message, ex);
        }
        catch (GrainRuleException ex) when (ex.Code == BrokerErrors.Name(BrokerError.SigningDecryptionFailed)
            || ex.Code == BrokerErrors.Name(BrokerError.SigningKeyUnknown) || ex.Code == BrokerErrors.Name(BrokerError.SigningNoCurrentKey))
        {
            return null;
        }
    }
}
