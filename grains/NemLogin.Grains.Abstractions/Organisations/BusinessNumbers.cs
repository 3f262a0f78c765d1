namespace NemLogin.Grains.Organisations;

/// <summary>
/// The Danish business register's numbers: CVR (the organisation, 8 digits, first not 0, modulus 11 with weights
/// 2 7 6 5 4 3 2 1), P numbers (production units, 10 digits) and SE numbers (tax registrations, 8 digits).
/// Checked before any of them keys a grain or is stored.
/// </summary>
public static class BusinessNumbers
{
    private static readonly int[] CvrWeights = [2, 7, 6, 5, 4, 3, 2, 1];

    public static bool IsCvr(string? value)
    {
        if (value is not { Length: 8 } || value[0] == '0' || !value.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < CvrWeights.Length; i++)
        {
            sum += (value[i] - '0') * CvrWeights[i];
        }

        return sum % 11 == 0;
    }

    public static bool IsProductionUnit(string? value) => value is { Length: 10 } && value.All(char.IsAsciiDigit);

    public static bool IsSeNumber(string? value) => value is { Length: 8 } && value.All(char.IsAsciiDigit);
}
