using System.Globalization;

namespace NemLogin.Population;

/// <summary>
/// The organisations of the population: the valid CVR numbers (modulus 11) from 60000000 upwards in order, clear of the
/// demo's and the load runner's own (3990xxxx), named "Syntetisk Virksomhed n ApS".
/// </summary>
public static class SyntheticOrganisations
{
    public const int MaxOrganisations = (int)(NationalScale.Organisations * PopulationCounts.MaxScale);

    private const int FirstPrefix = 6_000_000;
    private static readonly int[] Weights = [2, 7, 6, 5, 4, 3, 2];
    private static readonly Lazy<string[]> Numbers = new(Enumerate);

    public static SyntheticOrganisation Get(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, MaxOrganisations);
        return new SyntheticOrganisation(index, Numbers.Value[index], string.Create(CultureInfo.InvariantCulture, $"Syntetisk Virksomhed {index + 1} ApS"));
    }

    // Every seven-digit prefix whose check digit is 0–9 (one in eleven has none), in order: a CVR's index is its rank.
    private static string[] Enumerate()
    {
        var numbers = new string[MaxOrganisations];
        var found = 0;
        for (var prefix = FirstPrefix; found < numbers.Length; prefix++)
        {
            var digits = prefix.ToString(CultureInfo.InvariantCulture);
            var sum = 0;
            for (var i = 0; i < Weights.Length; i++)
            {
                sum += (digits[i] - '0') * Weights[i];
            }

            var check = (11 - (sum % 11)) % 11;
            if (check < 10)
            {
                numbers[found++] = digits + check.ToString(CultureInfo.InvariantCulture);
            }
        }

        return numbers;
    }
}
