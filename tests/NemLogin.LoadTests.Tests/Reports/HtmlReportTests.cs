using NemLogin.LoadTests.Engine;
using NemLogin.LoadTests.Reports;
using NemLogin.LoadTests.Tests.Support;
using Xunit;

namespace NemLogin.LoadTests.Tests.Reports;

public sealed class HtmlReportTests
{
    [Fact]
    public void Write_Scenario_HasLatencyAndThroughputChartsAndNoScript()
    {
        var html = HtmlReport.Write(SampleRun.Report());

        Assert.Equal(2, Count(html, "<svg"));
        Assert.Contains("Latency over time", html, StringComparison.Ordinal);
        Assert.Contains("Throughput over time", html, StringComparison.Ordinal);
        Assert.Equal(3 + 3, Count(html, "<polyline"));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Write_TextFromTheBroker_IsHtmlEncoded()
    {
        // Markup injection: a failure reason is text the broker (or anyone on the path) chose.
        var html = HtmlReport.Write(SampleRun.Report());

        Assert.Contains("unknown &lt;SP&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("unknown <SP>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_StressRun_AddsTheRateChartAndTheHighestRateThatHeld()
    {
        var html = HtmlReport.Write(SampleRun.Report(stress: [new StressStep(100, 100, 5, 10, 20, 0, true, null), new StressStep(200, 120, 50, 300, 900, 0, false, "p99 900 ms > 200 ms")]));

        Assert.Equal(3, Count(html, "<svg"));
        Assert.Contains("Highest rate that held: <strong>100.0 logins/s</strong>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(7, 10)]
    [InlineData(0.3, 0.5)]
    [InlineData(120, 200)]
    [InlineData(1, 1)]
    [InlineData(0, 1)]
    public void NiceCeiling_AxisMaximum_IsOneTwoOrFiveTimesAPowerOfTen(double value, double expected)
    {
        Assert.Equal(expected, SvgLineChart.NiceCeiling(value), 9);
    }

    private static int Count(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
