using System.Security.Cryptography.X509Certificates;
using NemLogin.Grains.Signing;
using NemLogin.Saml;
using NemLogin.Saml.Signing;

namespace NemLogin.Gateway.Signing;

/// <summary>
/// Signs SAML messages through the signer grain pool, so the private key stays where the pool keeps it (an HSM in
/// production). The certificate is the one the pool published for the key; a reply from another key is refused.
/// </summary>
internal sealed class GrainSamlSigner(IGrainFactory grains, SigningKeyInfo key) : ISamlSigner
{
    public X509Certificate2 Certificate { get; } = X509CertificateLoader.LoadCertificate(key.CertificateDer);

    public string SignatureAlgorithm => SamlConstants.Algorithms.RsaSha256;

    public async ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var result = await grains.GetGrain<ISignerGrain>(0)
            .SignAsync(KeyPurpose.SamlSigning, SigningAlgorithm.RsaPkcs1Sha256, data.ToArray())
            .WaitAsync(cancellationToken);

        // The pool rolled to another key between reading the certificate and signing: the KeyInfo would lie.
        return result.KeyId == key.KeyId
            ? result.Signature
            : throw new SigningKeyChangedException(key.KeyId, result.KeyId);
    }
}
