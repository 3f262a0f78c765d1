namespace NemLogin.Population;

/// <summary>
/// One invented person of the population: the MitID simulator logs them in by <see cref="Username"/>, the seed files them
/// under <see cref="MitIdUuid"/> (the subject a MitID login presents), and the broker knows them by <see cref="CprNumber"/>.
/// Every field is fictitious and marked as synthetic (see <see cref="SyntheticPeople"/>).
/// </summary>
public sealed record SyntheticPerson(
    int Index,
    string Username,
    Guid MitIdUuid,
    string GivenName,
    string FamilyName,
    DateOnly DateOfBirth,
    string CprNumber,
    string Email)
{
    public string FullName => $"{GivenName} {FamilyName}";
}
