namespace NemLogin.Grains.Signing;

/// <summary>One signing key as a signer activation uses it. Not thread-safe: one activation, one handle.</summary>
public interface ISigningKey : IDisposable
{
    /// <summary>The public half: key id, certificate, provider.</summary>
    SigningKeyInfo Info { get; }

    /// <summary>Hashes and signs <paramref name="data"/>; refused with <c>signing.algorithm-unsupported</c> when the key cannot.</summary>
    byte[] Sign(SigningAlgorithm algorithm, byte[] data);
}
