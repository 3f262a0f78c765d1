using NemLogin.LoadTests.Metrics;
using Xunit;

namespace NemLogin.LoadTests.Tests.Metrics;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Summarize_OneToThousandMilliseconds_GivesTheKnownPercentiles()
    {
        var histogram = new LatencyHistogram();
        for (var ms = 1; ms <= 1000; ms++)
        {
            histogram.Record(TimeSpan.FromMilliseconds(ms));
        }

        var s = histogram.Summarize();

        Assert.Equal(1000, s.Count);
        // Three significant digits: every value within 0.1 % of the exact one.
        AssertClose(1, s.MinMs);
        AssertClose(500.5, s.MeanMs);
        AssertClose(500, s.P50Ms);
        AssertClose(750, s.P75Ms);
        AssertClose(950, s.P95Ms);
        AssertClose(990, s.P99Ms);
        AssertClose(1000, s.MaxMs);
    }

    [Fact]
    public void Summarize_SkewedValues_P99SeesTheTailThatTheMeanHides()
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < 985; i++)
        {
            histogram.Record(TimeSpan.FromMilliseconds(5));
        }

        for (var i = 0; i < 15; i++)
        {
            histogram.Record(TimeSpan.FromMilliseconds(400));
        }

        var s = histogram.Summarize();

        AssertClose(5, s.P50Ms);
        AssertClose(5, s.P95Ms);
        AssertClose(400, s.P99Ms);
        Assert.InRange(s.MeanMs, 10, 11);
    }

    [Fact]
    public void Summarize_Nothing_IsAllZero()
    {
        Assert.Equal(LatencySummary.Empty, new LatencyHistogram().Summarize());
    }

    [Fact]
    public void SummarizeAndReset_TakesTheWindowAndStartsAnEmptyOne()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(TimeSpan.FromMilliseconds(7));

        Assert.Equal(1, histogram.SummarizeAndReset().Count);
        Assert.Equal(0, histogram.Summarize().Count);
    }

    [Fact]
    public void AddTo_TwoHistograms_MergesTheirCounts()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        a.Record(TimeSpan.FromMilliseconds(1));
        b.Record(TimeSpan.FromMilliseconds(100));

        a.AddTo(b);

        Assert.Equal(2, b.Summarize().Count);
        AssertClose(1, b.Summarize().MinMs);
    }

    private static void AssertClose(double expected, double actual) =>
        Assert.InRange(actual, expected * 0.999, expected * 1.001);
}
