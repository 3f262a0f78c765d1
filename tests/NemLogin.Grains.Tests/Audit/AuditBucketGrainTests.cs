using System.Collections.Immutable;
using NemLogin.Grains.Audit;
using Xunit;

namespace NemLogin.Grains.Tests.Audit;

[Collection(ClusterCollection.Name)]
public sealed class AuditBucketGrainTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset Minute = new(2026, 3, 2, 10, 15, 0, TimeSpan.Zero);

    [Fact]
    public async Task Append_SameBatchTwice_StoredOnce()
    {
        var grain = NewBucket();
        var batch = ImmutableArray.Create(Record(Minute.AddSeconds(1)), Record(Minute.AddSeconds(2)));

        await grain.AppendAsync(batch);
        await grain.AppendAsync(batch);

        Assert.Equal(2, (await grain.QueryAsync(All())).Length);
    }

    [Fact]
    public async Task Query_Filters_MatchOnlyTheirRecords()
    {
        var grain = NewBucket();
        var identity = Guid.NewGuid();
        var wanted = Record(Minute.AddSeconds(5)) with { ServiceProvider = "https://sp-a.example.dk", IdentityId = identity, CorrelationId = "corr-1" };
        await grain.AppendAsync([wanted, Record(Minute.AddSeconds(6)) with { ServiceProvider = "https://sp-b.example.dk", IdentityId = identity }, Record(Minute.AddSeconds(7))]);

        Assert.Equal([wanted], await grain.QueryAsync(All() with { ServiceProvider = "https://sp-a.example.dk" }));
        Assert.Equal(2, (await grain.QueryAsync(All() with { IdentityId = identity })).Length);
        Assert.Equal([wanted], await grain.QueryAsync(All() with { CorrelationId = "corr-1" }));
        Assert.Empty(await grain.QueryAsync(All() with { Category = AuditCategory.Logout }));
    }

    [Fact]
    public async Task Query_TimeRangeHalfOpen_OrderedByTime()
    {
        var grain = NewBucket();
        var late = Record(Minute.AddSeconds(40));
        var early = Record(Minute.AddSeconds(10));
        var edge = Record(Minute.AddSeconds(50));
        await grain.AppendAsync([late, edge, early]);

        var found = await grain.QueryAsync(new AuditFilter { From = Minute.AddSeconds(10), To = Minute.AddSeconds(50) });

        Assert.Equal([early, late], found);
    }

    [Fact]
    public async Task Append_Deactivated_RecordsSurvive()
    {
        var grain = NewBucket();
        var record = Record(Minute.AddSeconds(3));
        await grain.AppendAsync([record]);

        await fixture.Cluster.DeactivateAsync(grain);
        await grain.AppendAsync([record]);

        Assert.Equal([record], await grain.QueryAsync(All()));
    }

    [Fact]
    public void BucketKey_TimesInOneMinute_SameKeyPerShard()
    {
        Assert.Equal(AuditBucketKey.For(Minute, 2), AuditBucketKey.For(Minute.AddSeconds(59.9), 2));
        Assert.NotEqual(AuditBucketKey.For(Minute, 2), AuditBucketKey.For(Minute.AddMinutes(1), 2));
        Assert.NotEqual(AuditBucketKey.For(Minute, 1), AuditBucketKey.For(Minute, 2));
        Assert.Equal(AuditBucketKey.For(Minute, 0), AuditBucketKey.For(Minute.ToOffset(TimeSpan.FromHours(1)), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => AuditBucketKey.For(Minute, AuditBucketKey.Shards));
    }

    // A page's state is rewritten on every append, so a page holds at most PageRecords and hands back the rest for the
    // next page, whatever the rate; the reader goes on to the next page only while a page answers full.
    [Fact]
    public async Task Append_MoreThanAPageHolds_KeepsAPageAndReturnsTheRest()
    {
        var minute = UniqueMinute();
        var page = fixture.Grains.GetGrain<IAuditBucketGrain>(AuditBucketKey.For(minute, 1));
        var batch = Enumerable.Range(0, AuditBucketKey.PageRecords + 5).Select(i => Record(minute.AddMilliseconds(i))).ToImmutableArray();

        var rest = await page.AppendAsync(batch);

        Assert.Equal(batch.Skip(AuditBucketKey.PageRecords), rest);
        var answer = await page.QueryPageAsync(new AuditFilter { From = minute, To = minute + AuditBucketKey.Width });
        Assert.True(answer.Full);
        Assert.Equal(AuditBucketKey.PageRecords, answer.Records.Length);
        Assert.Equal(rest, await page.AppendAsync(rest));
        Assert.Empty(await page.AppendAsync([batch[0]]));
        var next = fixture.Grains.GetGrain<IAuditBucketGrain>(AuditBucketKey.For(minute, 1, 1));
        Assert.Empty(await next.AppendAsync(rest));
        Assert.False((await next.QueryPageAsync(new AuditFilter { From = minute, To = minute + AuditBucketKey.Width })).Full);
    }

    // Rule: a flood cannot grow a minute without bound; the last page drops what does not fit (counted) and hands back nothing.
    [Fact]
    public async Task Append_LastPageFull_DropsTheRestAndHandsBackNothing()
    {
        var minute = UniqueMinute();
        var last = fixture.Grains.GetGrain<IAuditBucketGrain>(AuditBucketKey.For(minute, 0, AuditBucketKey.MaxPages - 1));
        var batch = Enumerable.Range(0, AuditBucketKey.PageRecords + 3).Select(i => Record(minute.AddMilliseconds(i))).ToImmutableArray();

        Assert.Empty(await last.AppendAsync(batch));
        Assert.Equal(AuditBucketKey.PageRecords, (await last.QueryAsync(new AuditFilter { From = minute, To = minute + AuditBucketKey.Width })).Length);
    }

    [Fact]
    public void BucketKey_Pages_ZeroIsTheMinuteKeyLaterOnesAreNumbered()
    {
        Assert.Equal(AuditBucketKey.For(Minute, 3), AuditBucketKey.For(Minute, 3, 0));
        Assert.Equal(AuditBucketKey.For(Minute, 3) + "|7", AuditBucketKey.For(Minute, 3, 7));
        Assert.Equal(7, AuditBucketKey.PageOf(AuditBucketKey.For(Minute, 3, 7)));
        Assert.Equal(0, AuditBucketKey.PageOf(AuditBucketKey.For(Minute, 3)));
        Assert.Equal(0, AuditBucketKey.PageOf(AuditBucketKey.For(Minute, 0) + "|" + Guid.NewGuid().ToString("N")));
        Assert.Throws<ArgumentOutOfRangeException>(() => AuditBucketKey.For(Minute, 0, AuditBucketKey.MaxPages));
    }

    // Pages of a minute no other test uses (the key has no room for a test's suffix once it names a page).
    private static DateTimeOffset UniqueMinute() => Minute.AddDays(1 + Random.Shared.Next(1_000_000));

    private IAuditBucketGrain NewBucket() =>
        // A distinct key per test (the minute part is fixed; the suffix keeps tests apart).
        fixture.Grains.GetGrain<IAuditBucketGrain>(AuditBucketKey.For(Minute, 0) + "|" + Guid.NewGuid().ToString("N"));

    private static AuditFilter All() => new() { From = Minute, To = Minute + AuditBucketKey.Width };

    internal static AuditRecord Record(DateTimeOffset time) => new()
    {
        Id = Guid.CreateVersion7(time),
        Time = time,
        Category = AuditCategory.Login,
        Action = "saml.assertion",
        Outcome = AuditOutcome.Success,
    };
}
