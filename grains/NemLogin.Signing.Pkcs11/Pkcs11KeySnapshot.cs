using System.Collections.Immutable;

namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>The broker's keys as last read from the token, by purpose: current, next, and previous keys in overlap.</summary>
public sealed class Pkcs11KeySnapshot(ImmutableArray<Pkcs11KeyEntry> keys)
{
    public static Pkcs11KeySnapshot Empty { get; } = new([]);

    /// <summary>Every usable key, current first, then next, then previous, per purpose.</summary>
    public ImmutableArray<Pkcs11KeyEntry> Keys { get; } = keys;

    public Pkcs11KeyEntry? Current(KeyPurpose purpose) => Keys.FirstOrDefault(k => k.Purpose == purpose && k.Role == KeyRole.Current);

    /// <summary>The published keys of a purpose in publication order.</summary>
    public IEnumerable<Pkcs11KeyEntry> Published(KeyPurpose purpose) => Keys.Where(k => k.Purpose == purpose).OrderBy(k => k.Role);

    /// <summary>A key that may sign when named: the current key or a previous one still in its overlap window, never a next key.</summary>
    public Pkcs11KeyEntry? Signing(KeyPurpose purpose, string keyId) =>
        Keys.FirstOrDefault(k => k.Purpose == purpose && k.Role != KeyRole.Next && string.Equals(k.KeyId, keyId, StringComparison.Ordinal));

    /// <summary>
    /// The keys that may decrypt: the one named, else every published key in publication order. A next key decrypts too:
    /// an IdP that read it in the metadata may encrypt to it before the promotion, and a previous one during the overlap.
    /// </summary>
    public IReadOnlyList<Pkcs11KeyEntry> Decrypting(KeyPurpose purpose, string? keyId) =>
        [.. Published(purpose).Where(k => keyId is null || string.Equals(k.KeyId, keyId, StringComparison.Ordinal))];
}
