namespace NemLogin.Grains.Signing;

/// <summary>Where the broker's signing keys live, bound from the <c>Signing</c> configuration section.</summary>
public sealed class SigningOptions
{
    public const string SectionName = "Signing";

    /// <summary>The software provider, the only one so far: <see cref="SoftwareSigningKeyStore"/>.</summary>
    public const string SoftwareProvider = "Software";

    /// <summary>The key store. Only <c>Software</c> (demo only) exists until the PKCS#11 store lands.</summary>
    public string Provider { get; set; } = SoftwareProvider;

    /// <summary>Folder of the software keys (PKCS#12 files), relative to the current directory unless rooted.</summary>
    public string SoftwareKeyDirectory { get; set; } = ".nemlogin-data/keys";
}
