using System.Globalization;

namespace NemLogin.LoadTests.Reports;

/// <summary>Numbers as every report prints them: invariant culture, fixed decimals.</summary>
internal static class Numbers
{
    public static string F0(double v) => v.ToString("N0", CultureInfo.InvariantCulture);

    public static string F1(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);

    public static string F2(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => F2(bytes / (double)(1L << 30)) + " GiB",
        >= 1L << 20 => F1(bytes / (double)(1L << 20)) + " MiB",
        >= 1L << 10 => F1(bytes / 1024.0) + " KiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };
}
