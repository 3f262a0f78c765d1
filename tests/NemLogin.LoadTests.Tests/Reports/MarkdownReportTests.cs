using NemLogin.LoadTests.Engine;
using NemLogin.LoadTests.Reports;
using NemLogin.LoadTests.Tests.Support;
using Xunit;

namespace NemLogin.LoadTests.Tests.Reports;

public sealed class MarkdownReportTests
{
    [Fact]
    public void Write_Scenario_HasARowWithCountsAndPercentiles()
    {
        var md = MarkdownReport.Write(SampleRun.Report());

        Assert.Contains("| saml-login | 998 | 2 | 100.0 | 99.8 | 3.00 | 9.50 | 6.00 | 8.00 | 24.25 | 74.50 | 115.75 | 4.0 KiB |", md, StringComparison.Ordinal);
        Assert.Contains("4.36 ms per login", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_OtherProcessesBusy_SaysTheBenchmarkIsNotClean()
    {
        var sample = SampleRun.Report();
        var report = sample with { Result = sample.Result with { Machine = new MachineUsage(2, 1.95, 0.9, 0.4) } };

        var md = MarkdownReport.Write(report);

        Assert.Contains("other processes 0.65 (not a clean benchmark", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Failures_ListsTheirStatusesAndAReason()
    {
        var md = MarkdownReport.Write(SampleRun.Report());

        Assert.Contains("`sso: 400 saml.12.IssuerUnknown` × 2", md, StringComparison.Ordinal);
        Assert.Contains("unknown <SP>", md, StringComparison.Ordinal);
    }
}
