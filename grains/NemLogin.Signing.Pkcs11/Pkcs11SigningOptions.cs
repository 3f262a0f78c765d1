namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>The HSM signer, bound from <c>Signing:Pkcs11</c>. Used when <c>Signing:Provider</c> is <c>Pkcs11</c>.</summary>
public sealed class Pkcs11SigningOptions
{
    public const string SectionName = "Signing:Pkcs11";

    /// <summary>The <c>Signing:Provider</c> value that chooses this signer, and the provider its keys report.</summary>
    public const string ProviderName = "Pkcs11";

    /// <summary>The PKCS#11 module. SoftHSM2 on Debian by default; a production HSM names its vendor's library.</summary>
    public string LibraryPath { get; set; } = "/usr/lib/softhsm/libsofthsm2.so";

    /// <summary>The token that holds the broker's keys, found by label (slot ids change when tokens are added).</summary>
    public string TokenLabel { get; set; } = string.Empty;

    /// <summary>The token's user PIN. A secret: redacted when options are logged and never written anywhere else.</summary>
    [Redact]
    public string Pin { get; set; } = string.Empty;

    /// <summary>PKCS#11 sessions per silo = signing threads = the most signatures the silo asks of the HSM at once.</summary>
    public int Sessions { get; set; } = 4;

    /// <summary>Requests that may wait for a free session; beyond this the pool sheds with <c>signing.overloaded</c> (HTTP 503).</summary>
    public int MaxQueueLength { get; set; } = 256;

    /// <summary>A request that waited longer than this for a session is refused (its caller is likely gone) instead of signed.</summary>
    public TimeSpan MaxQueueWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the silo re-reads the token's key labels, so a promotion made by <c>keys promote</c> reaches every silo. Zero: on every call.</summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After a device error, signing fails fast for this long; then the next request re-opens the sessions.</summary>
    public TimeSpan RecoveryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Redacts the PIN, so the options can never print it, whoever formats them.</summary>
    public override string ToString() =>
        $"LibraryPath={LibraryPath}, TokenLabel={TokenLabel}, Pin=REDACTED, Sessions={Sessions}, MaxQueueLength={MaxQueueLength}, " +
        $"MaxQueueWait={MaxQueueWait}, KeyRefreshInterval={KeyRefreshInterval}, RecoveryInterval={RecoveryInterval}";
}
