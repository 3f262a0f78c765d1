using System.Globalization;
using System.Text.RegularExpressions;

namespace NemLogin.LoadTests.Configuration;

/// <summary>Durations as load engineers write them: <c>500ms</c>, <c>60s</c>, <c>5m</c>, <c>2h</c>, <c>1h30m</c>, or <c>00:01:00</c>.</summary>
public static partial class DurationText
{
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Contains(':', StringComparison.Ordinal)
            && TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out var clock) && clock > TimeSpan.Zero)
        {
            return clock;
        }

        var match = UnitsRegex().Match(trimmed);
        if (!match.Success || trimmed.Length == 0)
        {
            throw new FormatException($"'{text}' is not a duration; write e.g. 500ms, 60s, 5m, 2h or 1h30m.");
        }

        var total = TimeSpan.Zero;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unitMatch = PartRegex().Match(part.Value);
            var amount = double.Parse(unitMatch.Groups["n"].Value, CultureInfo.InvariantCulture);
            total += unitMatch.Groups["u"].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => throw new FormatException($"'{text}' has an unknown unit."),
            };
        }

        return total > TimeSpan.Zero ? total : throw new FormatException($"'{text}' must be longer than zero; write e.g. 500ms, 60s, 5m, 2h or 1h30m.");
    }

    /// <summary>The shortest of the forms <see cref="Parse"/> reads back: <c>90s</c> becomes <c>1m30s</c>.</summary>
    public static string Format(TimeSpan span)
    {
        if (span < TimeSpan.FromSeconds(1) || span.Milliseconds != 0)
        {
            return span.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";
        }

        var text = string.Empty;
        if ((int)span.TotalHours > 0)
        {
            text += (int)span.TotalHours + "h";
        }

        if (span.Minutes > 0)
        {
            text += span.Minutes + "m";
        }

        if (span.Seconds > 0)
        {
            text += span.Seconds + "s";
        }

        return text;
    }

    [GeneratedRegex(@"^(?<part>\d+(?:\.\d+)?(?:ms|s|m|h))+$")]
    private static partial Regex UnitsRegex();

    [GeneratedRegex(@"^(?<n>\d+(?:\.\d+)?)(?<u>ms|s|m|h)$")]
    private static partial Regex PartRegex();
}
