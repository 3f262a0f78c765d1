namespace NemLogin.Population;

/// <summary>One business identity of the population: employee number <see cref="Index"/> of an organisation, bound to a person.</summary>
public sealed record SyntheticEmployee(int Index, int OrganisationIndex, int PersonIndex);
