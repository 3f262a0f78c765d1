namespace NemLogin.Population;

/// <summary>One invented organisation of the population: a valid, fictitious CVR number and a name that says it is synthetic.</summary>
public sealed record SyntheticOrganisation(int Index, string Cvr, string Name);
