using System.Globalization;

namespace NemLogin.Population;

/// <summary>
/// The people of the population, each derived from their index alone. User names are <c>syn-</c> and seven digits; MitID
/// UUIDs start with <c>5eed</c>; family names are <c>Syntetisk-</c> and the index; e-mail addresses are under the
/// reserved <c>.test</c> domain. CPR numbers follow the MitID simulator's test users (birth date and a sequence number
/// from 9000): born 1940–2005, sequence 9000–9083, never the 99xx of the fixed test users, so every synthetic person is
/// 15 or older and no two share a number.
/// </summary>
public static class SyntheticPeople
{
    public const string UsernamePrefix = "syn-";

    /// <summary>The people of the largest scale: indices are below this.</summary>
    public const int MaxPeople = (int)(NationalScale.People * PopulationCounts.MaxScale);

    private const int BirthDays = 24_000;
    private static readonly DateOnly FirstBirthDate = new(1940, 1, 1);

    private static readonly string[] GivenNames =
        ["Anna", "Bo", "Clara", "Dan", "Emma", "Frej", "Grete", "Hans", "Ida", "Jens", "Karen", "Lars", "Maja", "Niels", "Olivia", "Poul"];

    public static SyntheticPerson Get(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, MaxPeople);
        var digits = index.ToString("D7", CultureInfo.InvariantCulture);
        var birth = FirstBirthDate.AddDays(index % BirthDays);
        var sequence = 9000 + (index / BirthDays);
        return new SyntheticPerson(
            index,
            UsernamePrefix + digits,
            Guid.ParseExact($"5eed0000-0000-4000-8000-{index:x12}", "D"),
            GivenNames[index % GivenNames.Length],
            "Syntetisk-" + digits,
            birth,
            birth.ToString("ddMMyy", CultureInfo.InvariantCulture) + sequence.ToString("D4", CultureInfo.InvariantCulture),
            $"{UsernamePrefix}{digits}@synthetic.nemlogin.test");
    }

    /// <summary>The person with this user name (<c>syn-</c> and seven digits, case-insensitive), or null.</summary>
    public static SyntheticPerson? Find(string? username)
    {
        var wanted = username?.Trim();
        if (wanted is not { Length: 11 } || !wanted.StartsWith(UsernamePrefix, StringComparison.OrdinalIgnoreCase)
            || !wanted[4..].All(char.IsAsciiDigit))
        {
            return null;
        }

        var index = int.Parse(wanted[4..], NumberStyles.None, CultureInfo.InvariantCulture);
        return index < MaxPeople ? Get(index) : null;
    }
}
