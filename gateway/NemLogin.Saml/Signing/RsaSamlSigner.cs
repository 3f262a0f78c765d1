using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NemLogin.Saml.Signing;

/// <summary>
/// Signs with an RSA key held in this process (RSA-SHA256, PKCS#1 v1.5 or PSS). For service providers, tests and
/// the embedded demo; the broker's own production keys go through the HSM signer pool instead.
/// </summary>
public sealed class RsaSamlSigner : ISamlSigner
{
    private readonly RSA _key;
    private readonly RSASignaturePadding _padding;

    public RsaSamlSigner(X509Certificate2 certificateWithPrivateKey, bool usePss = false)
    {
        _key = certificateWithPrivateKey.GetRSAPrivateKey()
            ?? throw new ArgumentException("The certificate has no RSA private key.", nameof(certificateWithPrivateKey));
        Certificate = X509CertificateLoader.LoadCertificate(certificateWithPrivateKey.RawData);
        _padding = usePss ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
        SignatureAlgorithm = usePss ? SamlConstants.Algorithms.RsaPssSha256 : SamlConstants.Algorithms.RsaSha256;
    }

    public X509Certificate2 Certificate { get; }

    public string SignatureAlgorithm { get; }

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_key.SignData(data.Span, HashAlgorithmName.SHA256, _padding));
}
