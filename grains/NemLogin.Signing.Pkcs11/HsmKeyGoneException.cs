using Net.Pkcs11Interop.Common;

namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>The key handle no longer names an object; the store re-reads the key list and tries once more.</summary>
internal sealed class HsmKeyGoneException(Pkcs11Exception inner)
    : Exception($"The HSM no longer knows the key handle ({inner.RV}).", inner);
