namespace NemLogin.Grains.Mandates;

/// <summary>Who grants or holds a mandate. Numbers are stored; never renumber.</summary>
[GenerateSerializer]
[Alias("nl.mandate.party-kind")]
public enum MandatePartyKind
{
    /// <summary>A person, by the broker's private identity id (an <see cref="Identities.IIdentityGrain"/> key).</summary>
    Person = 0,

    /// <summary>An organisation, by CVR number (an <see cref="Organisations.IOrganisationGrain"/> key).</summary>
    Organisation = 1,
}
