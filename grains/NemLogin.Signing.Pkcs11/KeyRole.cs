namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>A key's place in rollover, carried in its PKCS#11 label.</summary>
public enum KeyRole
{
    /// <summary>Signs, and is published first.</summary>
    Current = 0,

    /// <summary>Published so SPs can learn it before it signs; <c>keys promote</c> makes it current.</summary>
    Next = 1,

    /// <summary>The key before the last promotion: still published (and still signs for a caller that names it) until retired.</summary>
    Previous = 2,
}
