namespace NemLogin.Population;

/// <summary>
/// One mandate of the population, to the person <see cref="GranteeIndex"/>: from a person (<see cref="GrantorPersonIndex"/>,
/// a citizen mandate) or an organisation (<see cref="GrantorOrganisationIndex"/>, a business mandate). It covers every IT
/// system the seed was given, with all of each system's privileges. <see cref="ValidForDays"/> null: until revoked;
/// otherwise it ends that many days after the population's validity base (<see cref="PopulationPlan.ValidityBase"/>).
/// </summary>
public sealed record SyntheticMandate(int Index, int GranteeIndex, int? GrantorPersonIndex, int? GrantorOrganisationIndex, int? ValidForDays)
{
    public bool IsCitizen => GrantorPersonIndex is not null;
}
