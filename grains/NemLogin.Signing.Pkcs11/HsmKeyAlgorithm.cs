namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>Key pairs the key commands generate inside the token.</summary>
public enum HsmKeyAlgorithm
{
    /// <summary>RSA-2048: SAML signing (rsa-sha256), RS256/PS256.</summary>
    Rsa2048 = 0,

    /// <summary>RSA-3072.</summary>
    Rsa3072 = 1,

    /// <summary>ECDSA on NIST P-256: ES256 tokens.</summary>
    EcP256 = 2,
}
