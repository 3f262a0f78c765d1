using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace NemLogin.Gateway.Oidc.Stores;

/// <summary>
/// Client secrets as HMAC-SHA256 under the server's key (<see cref="OidcServerOptions.ClientSecretKey"/>), stored as
/// <c>hmac-sha256:&lt;key id&gt;:&lt;MAC&gt;</c>. A registered secret has at least 32 characters and is meant to be
/// machine-generated, so guessing it is out of reach whatever the hash costs; a slow hash (PBKDF2, OpenIddict's default)
/// would only tax every token request. The key, kept apart from the database, makes a stolen hash useless for an offline
/// search even for a weak secret; the key id says which key made a hash, so a changed key refuses old hashes instead of
/// comparing them with the wrong key. docs/security.md explains the choice.
/// </summary>
internal sealed class ClientSecretHasher
{
    private const string Prefix = "hmac-sha256:";

    // Without a configured key (development, tests) the MAC is keyed with this public label: as strong as SHA-256 for
    // a long random secret, without the defence in depth a key kept outside the database adds.
    private static readonly byte[] UnconfiguredKey = "nemlogin-oidc-client-secret-v1"u8.ToArray();

    private readonly byte[] _key;
    private readonly string _keyId;

    public ClientSecretHasher(IOptions<OidcServerOptions> options)
    {
        _key = options.Value.ClientSecretKey is { Length: > 0 } configured ? Convert.FromBase64String(configured) : UnconfiguredKey;
        _keyId = Base64UrlEncoder.Encode(SHA256.HashData(_key).AsSpan(0, 6).ToArray());
    }

    /// <summary>True for a value this hasher wrote (any key); false for OpenIddict's PBKDF2 form.</summary>
    public static bool IsCurrentFormat(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);

    public string Hash(string secret) => Prefix + _keyId + ":" + Convert.ToBase64String(Mac(secret));

    /// <summary>Constant-time comparison of the secret's MAC with the stored one; false for a hash made under another key.</summary>
    public bool Verify(string secret, string stored)
    {
        var rest = stored.AsSpan(Prefix.Length);
        var colon = rest.IndexOf(':');
        if (!IsCurrentFormat(stored) || colon < 0 || !rest[..colon].SequenceEqual(_keyId))
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        return Convert.TryFromBase64Chars(rest[(colon + 1)..], expected, out var written)
            && written == expected.Length
            && CryptographicOperations.FixedTimeEquals(Mac(secret), expected);
    }

    private byte[] Mac(string secret) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(secret));
}
