namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>
/// CKA_LABEL of the broker's key objects: the purpose, then the rollover role for any key that is not current —
/// <c>saml-signing</c>, <c>saml-signing-next</c>, <c>saml-signing-previous</c>, <c>token-signing</c>, <c>saml-encryption</c>, ….
/// The private key's label is authoritative; its public key and certificate (same CKA_ID) carry the same label.
/// </summary>
public static class Pkcs11KeyLabels
{
    private const string NextSuffix = "-next";
    private const string PreviousSuffix = "-previous";

    public static string PurposeName(KeyPurpose purpose) => purpose switch
    {
        KeyPurpose.SamlSigning => "saml-signing",
        KeyPurpose.TokenSigning => "token-signing",
        KeyPurpose.SamlEncryption => "saml-encryption",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "Unknown key purpose."),
    };

    public static string For(KeyPurpose purpose, KeyRole role) => PurposeName(purpose) + role switch
    {
        KeyRole.Current => string.Empty,
        KeyRole.Next => NextSuffix,
        KeyRole.Previous => PreviousSuffix,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown key role."),
    };

    /// <summary>Reads a label back; false for objects that are not the broker's.</summary>
    public static bool TryParse(string label, out KeyPurpose purpose, out KeyRole role)
    {
        foreach (var candidate in Enum.GetValues<KeyPurpose>())
        {
            foreach (var r in Enum.GetValues<KeyRole>())
            {
                if (string.Equals(label, For(candidate, r), StringComparison.Ordinal))
                {
                    (purpose, role) = (candidate, r);
                    return true;
                }
            }
        }

        (purpose, role) = (default, default);
        return false;
    }

    /// <summary>Reads a purpose name as the key commands take it (<c>saml-signing</c>, <c>token-signing</c>, <c>saml-encryption</c>).</summary>
    public static bool TryParsePurpose(string name, out KeyPurpose purpose)
    {
        foreach (var candidate in Enum.GetValues<KeyPurpose>())
        {
            if (string.Equals(name, PurposeName(candidate), StringComparison.OrdinalIgnoreCase))
            {
                purpose = candidate;
                return true;
            }
        }

        purpose = default;
        return false;
    }
}
