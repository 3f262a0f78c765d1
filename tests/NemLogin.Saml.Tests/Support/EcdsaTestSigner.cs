using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NemLogin.Saml.Signing;

namespace NemLogin.Saml.Tests.Support;

/// <summary>An ECDSA P-256 signer with a throwaway certificate, for the ecdsa-sha256 path.</summary>
public sealed class EcdsaTestSigner : ISamlSigner, IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public EcdsaTestSigner(string subject)
    {
        var request = new CertificateRequest($"CN={subject}", _key, HashAlgorithmName.SHA256);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        Certificate = X509CertificateLoader.LoadCertificate(created.RawData);
    }

    public X509Certificate2 Certificate { get; }

    public string SignatureAlgorithm => SamlConstants.Algorithms.EcdsaSha256;

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_key.SignData(data.Span, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    public void Dispose()
    {
        _key.Dispose();
        Certificate.Dispose();
    }
}
