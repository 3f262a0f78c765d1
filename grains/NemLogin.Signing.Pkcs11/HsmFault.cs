namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>Why the pool is failing fast, since when, and when the next request may try to re-open the sessions.</summary>
public sealed record HsmFault(string ReturnCode, DateTimeOffset Since, DateTimeOffset RetryAt);
