using System.Globalization;

namespace NemLogin.Gateway.Audit;

/// <summary>Where a page of audit records ended: the last record's time and id, as an opaque <c>ticks.id</c> string.</summary>
internal readonly record struct AuditCursor(DateTimeOffset Time, Guid Id)
{
    public override string ToString() => Time.UtcTicks.ToString(CultureInfo.InvariantCulture) + "." + Id.ToString("N");

    public static bool TryParse(string? text, out AuditCursor cursor)
    {
        cursor = default;
        var dot = text?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (dot <= 0
            || !long.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !Guid.TryParseExact(text.AsSpan(dot + 1), "N", out var id))
        {
            return false;
        }

        cursor = new AuditCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
        return true;
    }

    /// <summary>Whether <paramref name="time"/>/<paramref name="id"/> comes after this cursor in (time, id) order.</summary>
    public bool Precedes(DateTimeOffset time, Guid id) => time > Time || (time == Time && id.CompareTo(Id) > 0);
}
