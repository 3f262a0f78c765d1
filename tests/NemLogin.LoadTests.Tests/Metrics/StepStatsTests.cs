using NemLogin.LoadTests.Metrics;
using Xunit;

namespace NemLogin.LoadTests.Tests.Metrics;

public sealed class StepStatsTests
{
    [Fact]
    public void Record_OkAndFailed_KeepsCountsStatusesBytesAndLatenciesApart()
    {
        var stats = new StepStats("sso");
        stats.Record(StepOutcome.Ok("302", 1000), TimeSpan.FromMilliseconds(2));
        stats.Record(StepOutcome.Ok("302", 1000), TimeSpan.FromMilliseconds(4));
        stats.Record(StepOutcome.Fail("400 saml.12.IssuerUnknown", 500, "first reason"), TimeSpan.FromMilliseconds(90));
        stats.Record(StepOutcome.Fail("400 saml.12.IssuerUnknown", 500, "second reason"), TimeSpan.FromMilliseconds(90));

        var s = stats.Summarize();

        Assert.Equal((2L, 2L, 3000L), (s.Ok, s.Fail, s.Bytes));
        Assert.Equal(2, s.Statuses["302"]);
        Assert.Equal(2, s.Statuses["400 saml.12.IssuerUnknown"]);
        Assert.Equal("first reason", s.SampleReasons["400 saml.12.IssuerUnknown"]);
        Assert.InRange(s.Latency.MaxMs, 3.99, 4.01);
        Assert.InRange(s.FailLatency.MinMs, 89.9, 90.1);
        Assert.Equal(50, s.FailPercent, 6);
    }

    [Fact]
    public void Record_ManyThreads_LosesNoCount()
    {
        var stats = new StepStats("hop");

        Parallel.For(0, 10_000, i => stats.Record(i % 10 == 0 ? StepOutcome.Fail("500") : StepOutcome.Ok("200", 1), TimeSpan.FromMilliseconds(1)));

        var s = stats.Summarize();
        Assert.Equal((9000L, 1000L, 9000L), (s.Ok, s.Fail, s.Bytes));
        Assert.Equal(9000, s.Latency.Count);
    }
}
