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
        string cvr;
        do
        {
            cvr = Random.Shared.Next(10_000_000, 100_000_000).ToString(CultureInfo.InvariantCulture);
        }
        while (!Grains.Organisations.BusinessNumbers.IsCvr(cvr));
        return cvr;
    }

    public static string ProductionUnit() => Random.Shared.NextInt64(1_000_000_000, 10_000_000_000).ToString(CultureInfo.InvariantCulture);

    public static string SeNumber() => Random.Shared.Next(10_000_000, 100_000_000).ToString(CultureInfo.InvariantCulture);
}
