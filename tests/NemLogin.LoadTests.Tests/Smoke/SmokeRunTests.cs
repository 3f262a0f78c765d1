using System.Security.Cryptography;
using System.Text.Json;
using NemLogin.LoadTests.Commands;
using NemLogin.LoadTests.Configuration;
using NemLogin.LoadTests.Parties;
using NemLogin.LoadTests.Progress;
using NemLogin.LoadTests.Reports;
using NemLogin.LoadTests.Tests.Support;
using Xunit;

namespace NemLogin.LoadTests.Tests.Smoke;

/// <summary>
/// A few seconds of real load at a low rate against the embedded broker: every scenario end to end, with the
/// virtual SPs registered the documented way (the metadata folder) and the admin API on for churn.
/// </summary>
public sealed class SmokeRunTests
{
    [Fact(Timeout = 120_000)]
    public async Task Run_LowRateAgainstTheEmbeddedBroker_ReportsNoFailures()
    {
        var spDirectory = Directory.CreateTempSubdirectory("nemlogin-load-sps-").FullName;
        ServiceProviderSet.Prepare(spDirectory, 3);
        var adminKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        await using var broker = new EmbeddedBroker(new Dictionary<string, string?>
        {
            ["ServiceProviders:MetadataDirectory"] = spDirectory,
            ["Admin:ApiKey"] = adminKey,
        });
        var reportDirectory = Path.Combine(spDirectory, "report");
        var output = new StringWriter();

        var (exitCode, report, _) = await RunCommand.ExecuteAsync(
            new RunnerOptions
            {
                Target = broker.BaseUrl,
                Profile = "peak",
                Rate = 16,
                Duration = TimeSpan.FromSeconds(3),
                WarmUp = TimeSpan.FromSeconds(1),
                ServiceProviderDirectory = spDirectory,
                ReportDirectory = reportDirectory,
                Scenarios = [new("saml-login"), new("sso-second-sp"), new("saml-logout"), new("sp-churn"), new("oidc-login"), new("oidc-refresh"), new("professional-login"), new("mandate-login")],
                AdminApiKey = adminKey,
            },
            new SilentProgress(),
            output,
            TestContext.Current.CancellationToken);

        Assert.True(exitCode == RunCommand.ExitOk, output.ToString());
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(reportDirectory, ReportFiles.Json), TestContext.Current.CancellationToken));
        var scenarios = json.RootElement.GetProperty("scenarios").EnumerateArray().ToList();
        Assert.Equal(["saml-login", "sso-second-sp", "saml-logout", "sp-churn", "oidc-login", "oidc-refresh", "professional-login", "mandate-login"], scenarios.Select(s => s.GetProperty("name").GetString()));
        Assert.All(scenarios, s => Assert.Equal(0, s.GetProperty("fail").GetInt64()));
        Assert.All(scenarios, s => Assert.True(s.GetProperty("ok").GetInt64() >= 5, s.ToString()));
        Assert.Contains("<svg", await File.ReadAllTextAsync(Path.Combine(reportDirectory, ReportFiles.Html), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("inside the runner's process", string.Join(' ', report!.Notes), StringComparison.Ordinal);
        Directory.Delete(spDirectory, recursive: true);
    }

    [Fact(Timeout = 120_000)]
    public async Task Run_BrokerThatDoesNotKnowTheVirtualSps_StopsBeforeLoadAndSaysHowToRegisterThem()
    {
        var spDirectory = Directory.CreateTempSubdirectory("nemlogin-load-sps-").FullName;
        ServiceProviderSet.Prepare(spDirectory, 2);
        await using var broker = new EmbeddedBroker(new Dictionary<string, string?>());
        var output = new StringWriter();

        var (exitCode, report, _) = await RunCommand.ExecuteAsync(
            new RunnerOptions { Target = broker.BaseUrl, Duration = TimeSpan.FromSeconds(3), ServiceProviderDirectory = spDirectory, ReportDirectory = Path.Combine(spDirectory, "report") },
            new SilentProgress(),
            output,
            TestContext.Current.CancellationToken);

        Assert.Equal(RunCommand.ExitCannotStart, exitCode);
        Assert.Null(report);
        Assert.Contains("IssuerUnknown", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("ServiceProviders__MetadataDirectory", output.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(spDirectory, "report")));
        Directory.Delete(spDirectory, recursive: true);
    }

    [Fact(Timeout = 120_000)]
    public async Task Run_RegisterThroughTheAdminApi_LogsInWithoutTheMetadataFolder()
    {
        var spDirectory = Directory.CreateTempSubdirectory("nemlogin-load-sps-").FullName;
        ServiceProviderSet.Prepare(spDirectory, 2);
        var adminKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        await using var broker = new EmbeddedBroker(new Dictionary<string, string?> { ["Admin:ApiKey"] = adminKey });
        var output = new StringWriter();

        var (exitCode, report, _) = await RunCommand.ExecuteAsync(
            new RunnerOptions
            {
                Target = broker.BaseUrl,
                Profile = "average",
                Duration = TimeSpan.FromSeconds(2),
                WarmUp = TimeSpan.Zero,
                ServiceProviderDirectory = spDirectory,
                ReportDirectory = Path.Combine(spDirectory, "report"),
                AdminApiKey = adminKey,
                RegisterServiceProviders = true,
            },
            new SilentProgress(),
            output,
            TestContext.Current.CancellationToken);

        Assert.True(exitCode == RunCommand.ExitOk, output.ToString());
        Assert.Contains("2 virtual SPs registered through the admin API", output.ToString(), StringComparison.Ordinal);
        Assert.True(report!.Result.Scenarios[0].Iterations.Ok > 0);
        Directory.Delete(spDirectory, recursive: true);
    }
}
