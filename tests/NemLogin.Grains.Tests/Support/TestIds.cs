using System.Globalization;

namespace NemLogin.Grains.Tests.Support;

/// <summary>Unique grain keys, so tests sharing a cluster never see each other's state.</summary>
internal static class TestIds
{
    public static string New(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public static string EntityId() => $"https://sp-{Guid.NewGuid():N}.example.dk/saml";

    /// <summary>A random CVR number that passes the modulus 11 check (a fresh organisation per test).</summary>
    public static string Cvr()
    {
        int[] weights = [2, 7, 6, 5, 4, 3, 2];
        while (true)
        {
            var digits = string.Concat(Random.Shared.Next(1, 10).ToString(CultureInfo.InvariantCulture), Random.Shared.Next(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture));
            var check = (11 - (digits.Select((d, i) => (d - '0') * weights[i]).Sum() % 11)) % 11;
            if (check < 10)
            {
                return digits + check.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    public static string ProductionUnit() => Random.Shared.NextInt64(1_000_000_000, 10_000_000_000).ToString(CultureInfo.InvariantCulture);

    public static string SeNumber() => Random.Shared.Next(10_000_000, 100_000_000).ToString(CultureInfo.InvariantCulture);
}
