using NemLogin.LoadTests.Scenarios.Professional;
using NemLogin.Population;

namespace NemLogin.LoadTests.Scenarios.Mandates;

/// <summary>A grantor as the act-as page names them and as the assertion's privileges are scoped to them.</summary>
public sealed record ExpectedGrantor(string Name, string Scope);

/// <summary>
/// The people <c>mandate-login</c> logs in as and what the broker must offer each: the synthetic population's plan
/// (<see cref="PopulationPlan"/>), either seeded into the broker beforehand (<c>NemLogin.Silo seed</c>, the runner told
/// its scale) or the runner's own small one set up through the admin API. Every person with an index below the number
/// of mandates holds at least one.
/// </summary>
public sealed record MandatePopulation(PopulationPlan Plan)
{
    public int Grantees => Math.Min(Plan.Counts.People, Plan.Counts.Mandates);

    public SyntheticPerson AnyGrantee() => SyntheticPeople.Get(Random.Shared.Next(Grantees));

    /// <summary>The grantors of <paramref name="grantee"/>'s mandates, one per mandate (a grantor may give two), in plan order.</summary>
    public IReadOnlyList<ExpectedGrantor> GrantorsOf(SyntheticPerson grantee)
    {
        ArgumentNullException.ThrowIfNull(grantee);
        return [.. Plan.MandatesOf(grantee.Index).Select(m => m.GrantorPersonIndex is { } person
            ? new ExpectedGrantor(SyntheticPeople.Get(person).FullName, PrivilegeList.CprScopePrefix + SyntheticPeople.Get(person).CprNumber)
            : new ExpectedGrantor(SyntheticOrganisations.Get(m.GrantorOrganisationIndex!.Value).Name, PrivilegeList.CvrScopePrefix + SyntheticOrganisations.Get(m.GrantorOrganisationIndex!.Value).Cvr))];
    }
}
