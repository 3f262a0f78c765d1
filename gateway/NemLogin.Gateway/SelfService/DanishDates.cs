using System.Globalization;

namespace NemLogin.Gateway.SelfService;

/// <summary>
/// Dates as people in Denmark mean them: a day is a Danish calendar day (Europe/Copenhagen), shown and typed as
/// <c>yyyy-MM-dd</c> (what an <c>input type="date"</c> sends in every browser language).
/// </summary>
internal static class DanishDates
{
    private static readonly TimeZoneInfo Denmark = Find();

    public static string Show(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Denmark).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A date typed in a form, or null when it is not one (<paramref name="text"/> empty is not a date either).</summary>
    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>The first instant of <paramref name="day"/> in Denmark.</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Denmark.GetUtcOffset(local));
    }

    /// <summary>The instant <paramref name="day"/> ends in Denmark (the next day's start): a mandate "to" a day includes it.</summary>
    public static DateTimeOffset EndOf(DateOnly day) => StartOf(day.AddDays(1));

    /// <summary>The last day a period that ends at <paramref name="end"/> includes (the inverse of <see cref="EndOf"/>).</summary>
    public static string ShowLastDay(DateTimeOffset end) => Show(end.AddTicks(-1));

    private static TimeZoneInfo Find()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");
        }
        catch (TimeZoneNotFoundException)
        {
            // No time zone data (a minimal container): UTC is at most two hours off at the turn of a day.
            return TimeZoneInfo.Utc;
        }
    }
}
