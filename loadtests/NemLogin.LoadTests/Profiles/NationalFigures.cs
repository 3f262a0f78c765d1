namespace NemLogin.LoadTests.Profiles;

/// <summary>
/// The national traffic the broker must carry: 30 million logins a month (NemLog-in's published volume), spread
/// over a 30-day month for the average; peak hours run at ten times that and the busiest day's peak at thirty.
/// </summary>
public static class NationalFigures
{
    public const double LoginsPerMonth = 30_000_000;
    public const double SecondsPerMonth = 30 * 24 * 3600;
    public const double PeakFactor = 10;
    public const double PeakDayFactor = 30;

    /// <summary>≈ 11.57 logins per second.</summary>
    public const double AverageLoginsPerSecond = LoginsPerMonth / SecondsPerMonth;

    public const double PeakLoginsPerSecond = AverageLoginsPerSecond * PeakFactor;

    public const double PeakDayLoginsPerSecond = AverageLoginsPerSecond * PeakDayFactor;
}
