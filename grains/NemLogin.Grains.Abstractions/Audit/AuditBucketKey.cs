using System.Globalization;

namespace NemLogin.Grains.Audit;

/// <summary>
/// Audit records live in buckets of one minute, split over <see cref="Shards"/> grains so that many gateways writing at
/// once do not queue on one activation, and each shard's minute into pages of at most <see cref="PageRecords"/> records:
/// a page's stored state is rewritten on each append, so a page keeps that rewrite small whatever the rate (a whole
/// minute at national peak would be tens of thousands of records rewritten every second). Writers fill page 0 first
/// and go on to the next page with what did not fit; readers read a shard's pages in order while they are full.
/// </summary>
public static class AuditBucketKey
{
    /// <summary>Fixed for ever: readers scan every shard of a minute.</summary>
    public const int Shards = 4;

    public static readonly TimeSpan Width = TimeSpan.FromMinutes(1);

    /// <summary>The records one page holds.</summary>
    public const int PageRecords = 1_000;

    /// <summary>
    /// Pages per shard and minute (1,666 records a second per shard): the last one drops what does not fit and counts it,
    /// so a flood of refused requests cannot grow a minute without bound.
    /// </summary>
    public const int MaxPages = 100;

    /// <summary>The start of the bucket <paramref name="time"/> falls in (UTC).</summary>
    public static DateTimeOffset Start(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % Width.Ticks), TimeSpan.Zero);
    }

    /// <summary>The key of a page: page 0 is <c>yyyyMMddHHmm|shard</c>, a later page adds <c>|page</c>.</summary>
    public static string For(DateTimeOffset time, int shard, int page = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, Shards);
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(page, MaxPages);
        var key = Start(time).ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture) + "|" + shard.ToString(CultureInfo.InvariantCulture);
        return page == 0 ? key : key + "|" + page.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The page a bucket key names (0 when it names none).</summary>
    public static int PageOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Split('|');
        return parts.Length == 3 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var page) ? page : 0;
    }
}
