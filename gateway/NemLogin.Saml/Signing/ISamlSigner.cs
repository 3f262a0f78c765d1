using System.Security.Cryptography.X509Certificates;

namespace NemLogin.Saml.Signing;

/// <summary>
/// Makes signatures for SAML messages without exposing a private key. The broker implements it over the signer
/// grain pool (HSM); service providers and tests use <see cref="RsaSamlSigner"/>.
/// </summary>
public interface ISamlSigner
{
    /// <summary>The certificate placed in KeyInfo and published in metadata (public part only).</summary>
    X509Certificate2 Certificate { get; }

    /// <summary>The XML-DSig algorithm URI of the signatures this signer makes (see <see cref="SamlConstants.Algorithms"/>).</summary>
    string SignatureAlgorithm { get; }

    /// <summary>Signs <paramref name="data"/> (the signer hashes it).</summary>
    ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);
}
