namespace NemLogin.Grains.Organisations;

/// <summary>Where an organisation stands. Numbers are stored; never renumber.</summary>
[GenerateSerializer]
[Alias("nl.organisation.status")]
public enum OrganisationStatus
{
    /// <summary>Its employees can log in and be given rights.</summary>
    Active = 0,

    /// <summary>Temporarily stopped: no employee acts for it and nothing is granted; it can be made active again.</summary>
    Suspended = 1,

    /// <summary>Ceased (ophørt): final; nothing about it changes any more.</summary>
    Closed = 2,
}
