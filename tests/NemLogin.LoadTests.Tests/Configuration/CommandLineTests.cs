using NemLogin.LoadTests.Configuration;
using NemLogin.LoadTests.Simulations;
using Xunit;

namespace NemLogin.LoadTests.Tests.Configuration;

public sealed class CommandLineTests
{
    [Fact]
    public void Parse_TheDocumentedCommand_SetsEveryOption()
    {
        var o = CommandLine.Parse(["--target", "http://127.0.0.1:5099", "--profile", "peak", "--duration", "60s", "--report-dir", "out",
            "--scenarios", "saml-login,sso-second-sp", "--rate=250", "--warm-up", "0", "--max-fail-count", "7", "--broker-pid", "42"]);

        Assert.Equal("run", o.Command);
        Assert.Equal(new Uri("http://127.0.0.1:5099/"), o.Target);
        Assert.Equal("peak", o.Profile);
        Assert.Equal(TimeSpan.FromSeconds(60), o.Duration);
        Assert.Equal("out", o.ReportDirectory);
        Assert.Equal(["saml-login", "sso-second-sp"], o.Scenarios.Select(s => s.Name));
        Assert.Equal(250, o.Rate);
        Assert.Equal(TimeSpan.Zero, o.WarmUp);
        Assert.Equal(7, o.MaxFailCount);
        Assert.Equal(42, o.BrokerProcessId);
    }

    [Fact]
    public void Parse_Prepare_IsTheCommand()
    {
        var o = CommandLine.Parse(["prepare", "--sp-dir", "/tmp/sps", "--sp-count", "6"]);

        Assert.Equal(("prepare", "/tmp/sps", 6), (o.Command, o.ServiceProviderDirectory, o.ServiceProviderCount));
    }

    [Theory]
    [InlineData("--colour", "blue")]
    [InlineData("--rate", "-3")]
    [InlineData("--target", "ftp://x")]
    [InlineData("--duration", "soon")]
    public void Parse_BadOption_IsRefused(string name, string value)
    {
        Assert.ThrowsAny<Exception>(() => CommandLine.Parse([name, value]));
    }

    [Fact]
    public void Parse_ConfigFileThenCommandLine_CommandLineWins()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("nemlogin-load-cfg-").FullName, "run.json");
        File.WriteAllText(file, """
            {
              // comments are allowed
              "target": "http://127.0.0.1:6000",
              "profile": "custom-shape",
              "duration": "2m",
              "scenarios": [
                { "name": "saml-login", "weight": 3, "simulations": [
                  { "type": "RampingInject", "rate": 50, "interval": "1s", "during": "30s" },
                  { "type": "KeepConstant", "copies": 4, "during": "1m" },
                  { "type": "Pause", "during": "5s" } ] },
                { "name": "sso-second-sp", "weight": 1 }
              ],
              "stress": { "startRate": 10, "stepDuration": "5s" }
            }
            """);

        var o = CommandLine.Parse(["--config", file, "--duration", "90s"]);

        Assert.Equal(new Uri("http://127.0.0.1:6000"), o.Target);
        Assert.Equal(TimeSpan.FromSeconds(90), o.Duration);
        Assert.Equal(3, o.Scenarios[0].Weight);
        Assert.Equal(
            [new RampingInject(50, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)), new KeepConstant(4, TimeSpan.FromMinutes(1)), new Pause(TimeSpan.FromSeconds(5))],
            o.Scenarios[0].Simulations!);
        Assert.Null(o.Scenarios[1].Simulations);
        Assert.Equal((10d, TimeSpan.FromSeconds(5), 25d), (o.Stress.StartRate, o.Stress.StepDuration, o.Stress.StepRate));
    }

    [Fact]
    public void Parse_ConfigFileWithUnknownField_IsRefusedNamingTheFile()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("nemlogin-load-cfg-").FullName, "typo.json");
        File.WriteAllText(file, """{ "targte": "http://127.0.0.1:6000" }""");

        var ex = Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--config", file]));
        Assert.Contains("typo.json", ex.Message, StringComparison.Ordinal);
    }
}
