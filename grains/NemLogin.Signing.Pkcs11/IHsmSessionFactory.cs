using Net.Pkcs11Interop.HighLevelAPI;

namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>Opens logged-in sessions on the configured token. Thread-safe; each session it returns belongs to its caller.</summary>
public interface IHsmSessionFactory
{
    /// <summary>Builds mechanisms and attributes for the loaded module.</summary>
    Pkcs11InteropFactories Factories { get; }

    /// <summary>Opens a read-only session on the token and logs the user in (once per session).</summary>
    IHsmSession Open();
}
