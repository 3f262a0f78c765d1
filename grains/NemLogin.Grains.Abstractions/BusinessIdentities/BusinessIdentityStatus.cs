namespace NemLogin.Grains.BusinessIdentities;

/// <summary>Where a business identity stands. Numbers are stored; never renumber.</summary>
[GenerateSerializer]
[Alias("nl.business-identity.status")]
public enum BusinessIdentityStatus
{
    /// <summary>The employee can act for the organisation and be given rights.</summary>
    Active = 0,

    /// <summary>Temporarily stopped: no login as this identity and no new rights; its rights are kept.</summary>
    Suspended = 1,

    /// <summary>Final: its rights are gone and it is out of the person's index.</summary>
    Revoked = 2,
}
