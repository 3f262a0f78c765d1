using NemLogin.LoadTests.Commands;
using NemLogin.LoadTests.Configuration;
using NemLogin.LoadTests.Progress;
using NemLogin.LoadTests.Scenarios;
using NemLogin.LoadTests.Tests.Support;
using Xunit;

namespace NemLogin.LoadTests.Tests.Smoke;

/// <summary>
/// A few seconds of <c>oidc-login-ref</c> against the real reference OP (oidc-provider under Node.js, as
/// loadtests/reference-op/run-oidc-provider.sh starts it): the login, the code and the ID token pass the same checks
/// as against the broker, and the run needs no SAML metadata and no SP folder.
/// </summary>
[Collection(NemLogin.LoadTests.Tests.Profiling.ProfileAloneCollection.Name)]
public sealed class ReferenceOpSmokeTests
{
    [Fact(Timeout = 180_000)]
    public async Task Run_AgainstTheReferenceOp_LogsInWithoutFailuresAndWithoutSamlParts()
    {
        await using var op = await ReferenceOp.StartAsync(TestContext.Current.CancellationToken);
        var reportDirectory = Directory.CreateTempSubdirectory("nemlogin-load-ref-op-").FullName;
        var output = new StringWriter();

        var (exitCode, report, _) = await RunCommand.ExecuteAsync(
            new RunnerOptions
            {
                Target = op.BaseUrl,
                Profile = "peak",
                Rate = 10,
                Duration = TimeSpan.FromSeconds(2),
                WarmUp = TimeSpan.Zero,
                ServiceProviderDirectory = Path.Combine(reportDirectory, "no-sps-here"),
                ReportDirectory = reportDirectory,
                Scenarios = [new(ReferenceOpLoginScenario.ScenarioName)],
                BrokerProcessId = op.ProcessId,
            },
            new SilentProgress(),
            output,
            TestContext.Current.CancellationToken);

        Assert.True(exitCode == RunCommand.ExitOk, output.ToString());
        var scenario = Assert.Single(report!.Result.Scenarios);
        Assert.Equal(0, scenario.Iterations.Fail);
        Assert.True(scenario.Iterations.Ok >= 5, output.ToString());
        Assert.Equal(
            ["oidc-authorize", "op-login-form", "op-login", "op-authorize-return", "oidc-token", "oidc-id-token"],
            scenario.Steps.Select(s => s.Name));
        Assert.NotNull(report.Result.BrokerCpu);
        Directory.Delete(reportDirectory, recursive: true);
    }
}
