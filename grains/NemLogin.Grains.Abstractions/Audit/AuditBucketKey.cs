using System.Globalization;

namespace NemLogin.Grains.Audit;

/// <summary>
/// Audit records live in buckets of one minute, split over <see cref="Shards"/> grains so that many gateways writing at
/// once do not queue on one activation. A minute keeps each bucket's stored state small (it is rewritten on each append).
/// </summary>
public static class AuditBucketKey
{
    /// <summary>Fixed for ever: readers scan every shard of a minute.</summary>
    public const int Shards = 4;

    public static readonly TimeSpan Width = TimeSpan.FromMinutes(1);

    /// <summary>The start of the bucket <paramref name="time"/> falls in (UTC).</summary>
    public static DateTimeOffset Start(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % Width.Ticks), TimeSpan.Zero);
    }

    public static string For(DateTimeOffset time, int shard)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, Shards);
        return Start(time).ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture) + "|" + shard.ToString(CultureInfo.InvariantCulture);
    }
}
