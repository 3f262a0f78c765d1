using Microsoft.IdentityModel.Tokens;

namespace NemLogin.Gateway.Oidc.Signing;

/// <summary>
/// The key OpenIddict signs with: it has no private half here. Its id is the signer pool's current token-signing key,
/// and its crypto provider factory hands out <see cref="SignerPoolSignatureProvider"/>s that sign in the pool (an HSM in
/// production). Verification never uses this key: token validation resolves the published public keys by id.
/// </summary>
internal sealed class SignerPoolSecurityKey : AsymmetricSecurityKey
{
    private readonly TokenSigningKeys _keys;

    public SignerPoolSecurityKey(TokenSigningKeys keys, IGrainFactory grains, string algorithm)
    {
        _keys = keys;
        Algorithm = algorithm;
        CryptoProviderFactory = new SignerPoolCryptoProviderFactory(grains, keys);
    }

    /// <summary>RS256 or ES256, as configured (<see cref="OidcServerOptions.SigningAlgorithm"/>).</summary>
    public string Algorithm { get; }

    /// <summary>The current key's id; before the first load a placeholder (nothing is signed before then).</summary>
    public override string KeyId
    {
        get => _keys.Loaded?.Current.Info.KeyId ?? "signer-pool";
        set { }
    }

    [Obsolete("HasPrivateKey is obsolete in Microsoft.IdentityModel; PrivateKeyStatus answers.")]
    public override bool HasPrivateKey => true;

    public override PrivateKeyStatus PrivateKeyStatus => PrivateKeyStatus.Exists;

    public override int KeySize => _keys.Loaded?.Current.PublicKey.KeySize ?? 2048;
}
