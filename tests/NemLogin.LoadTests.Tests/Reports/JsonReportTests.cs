using System.Text.Json;
using NemLogin.LoadTests.Engine;
using NemLogin.LoadTests.Reports;
using NemLogin.LoadTests.Tests.Support;
using Xunit;

namespace NemLogin.LoadTests.Tests.Reports;

public sealed class JsonReportTests
{
    [Fact]
    public void Write_Scenario_HasTheContractFields()
    {
        using var json = JsonDocument.Parse(JsonReport.Write(SampleRun.Report()));

        var scenario = json.RootElement.GetProperty("scenarios")[0];
        Assert.Equal("saml-login", scenario.GetProperty("name").GetString());
        Assert.Equal(998, scenario.GetProperty("ok").GetInt64());
        Assert.Equal(2, scenario.GetProperty("fail").GetInt64());
        Assert.Equal(100, scenario.GetProperty("rps").GetDouble(), 6);
        var latency = scenario.GetProperty("latency_ms");
        Assert.Equal((6d, 24.25d, 74.5d, 115.75d), (latency.GetProperty("p50").GetDouble(), latency.GetProperty("p95").GetDouble(), latency.GetProperty("p99").GetDouble(), latency.GetProperty("max").GetDouble()));
        Assert.Equal("sso", scenario.GetProperty("steps")[0].GetProperty("name").GetString());
    }

    [Fact]
    public void Write_BrokerCpu_GivesMillisecondsPerLogin()
    {
        using var json = JsonDocument.Parse(JsonReport.Write(SampleRun.Report()));

        var cpu = json.RootElement.GetProperty("broker_cpu");
        Assert.Equal(4242, cpu.GetProperty("pid").GetInt32());
        Assert.Equal(4350d / 998, cpu.GetProperty("cpu_ms_per_login").GetDouble(), 3);
    }

    [Fact]
    public void Write_StressRun_HasTheHighestRateThatHeld()
    {
        var report = SampleRun.Report(stress: [new StressStep(100, 100, 5, 10, 20, 0, true, null), new StressStep(150, 149, 5, 10, 30, 0, true, null), new StressStep(200, 120, 50, 300, 900, 0, false, "p99 900 ms > 200 ms")]);

        using var json = JsonDocument.Parse(JsonReport.Write(report));

        var stress = json.RootElement.GetProperty("stress");
        Assert.Equal(150, stress.GetProperty("highest_rate_held").GetDouble());
        Assert.False(stress.GetProperty("steps")[2].GetProperty("held").GetBoolean());
    }

    [Fact]
    public void Write_NoStress_LeavesTheSectionOut()
    {
        using var json = JsonDocument.Parse(JsonReport.Write(SampleRun.Report()));

        Assert.False(json.RootElement.TryGetProperty("stress", out _));
    }
}
