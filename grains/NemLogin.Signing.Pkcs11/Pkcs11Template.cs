using Net.Pkcs11Interop.HighLevelAPI;

namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>
/// An attribute template whose native memory stays valid until it is disposed. Pkcs11Interop keeps each attribute's value
/// in unmanaged memory that the attribute's finalizer frees, and its session methods hold only the raw pointers while the
/// token works. A template built inline is garbage once its pointers are taken, so a collection during a slow call (RSA key
/// generation takes long enough) freed and reused the memory of <c>CKA_SIGN</c> while SoftHSM2 was still reading the
/// template: new signing keys came out unable to sign, depending on what else the process was doing. Every template goes
/// through this type with <c>using</c>, which keeps it alive past the call and frees it right after.
/// </summary>
internal sealed class Pkcs11Template(List<IObjectAttribute> attributes) : IDisposable
{
    /// <summary>The attributes, for the Pkcs11Interop call; valid until <see cref="Dispose"/>.</summary>
    public List<IObjectAttribute> Attributes { get; } = attributes;

    public void Dispose()
    {
        foreach (var attribute in Attributes)
        {
            attribute.Dispose();
        }
    }
}
