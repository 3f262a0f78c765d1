using NemLogin.Grains.Errors;
using System.Security.Cryptography.X509Certificates;
using NemLogin.Grains;
using NemLogin.Grains.Signing;
using NemLogin.Saml;
using NemLogin.Saml.Signing;

namespace NemLogin.Gateway.Signing;

/// <summary>
/// Signs SAML messages through the signer grain pool, so the private key stays where the pool keeps it (an HSM in
/// production). It asks for the very key whose certificate the message names, so a rollover between reading the
/// certificate and signing cannot make the KeyInfo lie; a reply from another key is refused all the same.
/// </summary>
internal sealed class GrainSamlSigner(IGrainFactory grains, SigningKeyInfo key, BrokerSigningKeys keys) : ISamlSigner
{
    public X509Certificate2 Certificate { get; } = X509CertificateLoader.LoadCertificate(key.CertificateDer);

    public string SignatureAlgorithm => SamlConstants.Algorithms.RsaSha256;

    public async ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        SignatureResult result;
        try
        {
            result = await grains.Reference<ISignerGrain>(0)
                .SignWithKeyAsync(KeyPurpose.SamlSigning, key.KeyId, SigningAlgorithm.RsaPkcs1Sha256, data.ToArray())
                .WaitAsync(cancellationToken);
        }
        catch (GrainRuleException ex) when (SigningRefusals.ForgetsKeys(ex.Code))
        {
            // The key was retired after this gateway cached it, or the site whose HSM holds it cannot be reached (a data
            // centre lost): the next request reads the published keys again and takes the current key of a site that answers.
            keys.Invalidate();
            throw new SigningUnavailableException(ex.Code, "The signing key cannot be used now; try again.", ex);
        }

        return result.KeyId == key.KeyId && result.Signature.Length > 0
            ? result.Signature
            : throw new SigningKeyChangedException(key.KeyId, result.KeyId);
    }
}
