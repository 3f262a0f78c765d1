using System.Globalization;

namespace NemLogin.LoadTests.Scenarios.Professional;

/// <summary>One organisation of the load population: its CVR number, name, the simulator user employed there and how many privileges it grants that employee at every virtual SP.</summary>
public sealed record LoadOrganisation(string Cvr, string Name, string Employee, int PrivilegeCount);

/// <summary>
/// The organisations, employees and rights <c>professional-login</c> logs in with. The MitID simulator knows four fixed
/// people, so "employees of many organisations" is spread the other way round: organisation <c>k</c> employs user
/// <c>k mod users</c>, so every person holds several business identities (the broker asks whom they act as on every
/// login) and the organisations' rights differ (1 to <see cref="MaxPrivileges"/> privileges at each SP, varying among one person's organisations) so the
/// assertion can be checked against the organisation chosen. Everything is derived from the inputs: the same plan
/// every run, so the set-up is repeatable with the same request ids.
/// </summary>
public static class ProfessionalPopulation
{
    public const int DefaultOrganisations = 12;
    public const int MaxPrivileges = 3;

    // CVR numbers 3990xxxx (fictitious, valid modulus 11): clear of the demo organisation's.
    private const int CvrBase = 3_990_000;
    private static readonly int[] CvrWeights = [2, 7, 6, 5, 4, 3, 2];

    /// <summary>
    /// The simulator's fixed test people by user name and their (invented) CPR numbers, as the simulator's TestUsers list
    /// them: an employee is bound to the person by CPR once that person has logged in at the broker.
    /// </summary>
    public static IReadOnlyDictionary<string, string> SimulatorCprNumbers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["alice"] = "1203859901",
        ["bent"] = "0511629903",
        ["carl"] = "3007019905",
        ["dorte"] = "2301789908",
    };

    public static IReadOnlyList<LoadOrganisation> Plan(IReadOnlyList<string> users, int organisations = DefaultOrganisations)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (users.Count == 0 || organisations < 1)
        {
            throw new ArgumentException("The population needs at least one user and one organisation.");
        }

        var unknown = users.Where(u => !SimulatorCprNumbers.ContainsKey(u)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"professional-login binds employees to the MitID simulator's people ({string.Join(", ", SimulatorCprNumbers.Keys)}); unknown: {string.Join(", ", unknown)}.");
        }

        return [.. Cvrs().Take(organisations).Select((cvr, k) => new LoadOrganisation(
            cvr, string.Create(CultureInfo.InvariantCulture, $"Load Organisation {k + 1:00} ApS"), users[k % users.Count], (k / users.Count % MaxPrivileges) + 1))];
    }

    /// <summary>The privilege URIs an SP defines, the first <paramref name="count"/> of its catalogue: named after the SP so an assertion can prove it carries only this SP's.</summary>
    public static IReadOnlyList<string> Privileges(string spName, int count = MaxPrivileges) =>
        [.. Enumerable.Range(1, count).Select(i => PrivilegePrefix(spName) + i.ToString(CultureInfo.InvariantCulture))];

    public static string PrivilegePrefix(string spName) => $"https://load.nemlogin.test/{spName}/privileges/";

    /// <summary>Valid CVR numbers (8 digits, weights 2 7 6 5 4 3 2 1, sum divisible by 11) in ascending order.</summary>
    public static IEnumerable<string> Cvrs()
    {
        for (var seven = CvrBase; seven <= 9_999_999; seven++)
        {
            var digits = seven.ToString(CultureInfo.InvariantCulture);
            var sum = digits.Select((d, i) => (d - '0') * CvrWeights[i]).Sum();
            var check = (11 - (sum % 11)) % 11;
            if (check < 10)
            {
                yield return digits + check.ToString(CultureInfo.InvariantCulture);
            }
        }
    }
}
