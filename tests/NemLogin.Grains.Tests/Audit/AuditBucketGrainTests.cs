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
