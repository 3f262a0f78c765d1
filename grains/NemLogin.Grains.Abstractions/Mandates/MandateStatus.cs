namespace NemLogin.Grains.Mandates;

/// <summary>
/// Where a mandate is in its life. Revoked and Expired are final: nothing brings such a mandate back. Numbers are stored;
/// never renumber.
/// </summary>
[GenerateSerializer]
[Alias("nl.mandate.status")]
public enum MandateStatus
{
    /// <summary>Asked for by the grantee, waiting for the grantor's approval; carries nothing at login.</summary>
    Requested = 0,

    /// <summary>Granted (or approved); carried at login within its validity period.</summary>
    Active = 1,

    /// <summary>Revoked (or a request declined); final.</summary>
    Revoked = 2,

    /// <summary>Its validity period ended; final.</summary>
    Expired = 3,
}
