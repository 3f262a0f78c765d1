namespace NemLogin.Grains.Signing;

/// <summary>Where the broker's signing keys live, bound from the <c>Signing</c> configuration section.</summary>
public sealed class SigningOptions
{
    public const string SectionName = "Signing";

    /// <summary>The demo provider: <see cref="SoftwareSigningKeyStore"/>, a key file on disk. Embedded demo only.</summary>
    public const string SoftwareProvider = "Software";

    /// <summary>The HSM provider: keys inside a PKCS#11 token (<see cref="Pkcs11.Pkcs11SigningKeyStore"/>), options in <c>Signing:Pkcs11</c>.</summary>
    public const string Pkcs11Provider = Pkcs11.Pkcs11SigningOptions.ProviderName;

    /// <summary><c>Software</c> (embedded demo only) or <c>Pkcs11</c>. Anything else stops the silo: never a silent fallback.</summary>
    public string Provider { get; set; } = SoftwareProvider;

    /// <summary>Folder of the software keys (PKCS#12 files), relative to the current directory unless rooted.</summary>
    public string SoftwareKeyDirectory { get; set; } = ".nemlogin-data/keys";

    /// <summary>
    /// Lets a cluster silo start with the software key. Only for a development cluster: a cluster host that calls
    /// <c>AddNemLoginClusterSigningPolicy</c> refuses the software provider unless this is true.
    /// </summary>
    public bool AllowSoftwareInCluster { get; set; }

    /// <summary>
    /// The site (data centre) whose HSM this silo's key store uses, or null (embedded: one key store). With a site, the
    /// silo publishes its keys in <see cref="ISigningKeyDirectoryGrain"/>, the signer pool lists every site's keys, and a
    /// request for a key of another site's HSM goes to that site (<see cref="ISiteSignerGrain"/>). The cluster host sets it
    /// to <c>DataCenter:Name</c>.
    /// </summary>
    public string? Site { get; set; }

    /// <summary>How often a silo with a <see cref="Site"/> compares its keys with what it published (a rollover reaches the directory within this).</summary>
    public TimeSpan KeyPublishInterval { get; set; } = TimeSpan.FromSeconds(30);
}
