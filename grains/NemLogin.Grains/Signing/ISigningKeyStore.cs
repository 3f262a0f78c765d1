namespace NemLogin.Grains.Signing;

/// <summary>
/// Hands out signing keys to the signer pool. Each signer activation asks once per purpose and owns the handle it
/// gets (one PKCS#11 session per activation in the HSM store), disposing it when the activation ends.
/// </summary>
public interface ISigningKeyStore
{
    /// <summary>The provider name reported in <see cref="SigningKeyInfo.Provider"/>.</summary>
    string Provider { get; }

    /// <summary>A handle on the current key for <paramref name="purpose"/>, owned by the caller.</summary>
    ValueTask<ISigningKey> OpenCurrentKeyAsync(KeyPurpose purpose, CancellationToken cancellationToken = default);
}
