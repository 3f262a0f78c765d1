namespace NemLogin.Grains.Signing;

/// <summary>Which operation a key purpose allows: a key signs or decrypts, never both.</summary>
public static class KeyPurposes
{
    /// <summary>True for the purposes whose keys decrypt (and therefore never sign).</summary>
    public static bool Decrypts(KeyPurpose purpose) => purpose == KeyPurpose.SamlEncryption;
}
