using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NemLogin.Gateway.Hosting;
using NemLogin.Gateway.Tests.Support;
using Xunit;

namespace NemLogin.Gateway.Tests.Logging;

/// <summary>
/// The default `dotnet run` log says what a person needs (logins, refusals, warnings), not the machinery of each request:
/// no Information lines from Polly's pipelines around Orleans placement, HttpClient, ASP.NET Core or Orleans.
/// </summary>
public sealed class DefaultLoggingTests
{
    private static readonly string[] PerRequestLibraries = ["Polly", "Orleans", "System.Net.Http.HttpClient", "Microsoft.Extensions.Http", "Microsoft.AspNetCore"];

    [Fact]
    public async Task Login_EmbeddedHostDefaultLogging_NoPerRequestInformationFromLibraries()
    {
        var logs = new CapturingLoggerProvider();
        var metadata = Directory.CreateTempSubdirectory("nemlogin-logging-sp-").FullName;
        var sp = new TestServiceProvider("https://sp-logging.test/saml", "https://sp-logging.test/saml/acs");
        sp.WriteMetadataTo(metadata);
        try
        {
            await using var broker = new BrokerFactory(new Dictionary<string, string?> { ["ServiceProviders:MetadataDirectory"] = metadata }, logCapture: logs);
            var ssoUrl = broker.BaseUrl + "/saml/sso";
            using var browser = new TestBrowser();
            var startup = logs.Entries.Count;

            var request = sp.NewRequest(ssoUrl);
            var outcome = await SamlLoginWalk.RunAsync(browser, await sp.RedirectUrlAsync(ssoUrl, request));

            Assert.True(outcome.SawLoginPage);
            var login = logs.Entries.Skip(startup).ToList();
            // The capture sees Information: the broker's own account of the login is there.
            Assert.Contains(login, e => e.Level == LogLevel.Information && e.Category.StartsWith("NemLogin.", StringComparison.Ordinal));
            var noise = login.Where(e => e.Level < LogLevel.Warning && PerRequestLibraries.Any(p => e.Category.StartsWith(p, StringComparison.Ordinal)));
            Assert.Empty(noise.Select(e => $"{e.Level} {e.Category}: {e.Text}"));
        }
        finally
        {
            Directory.Delete(metadata, recursive: true);
        }
    }

    [Theory]
    [InlineData(null, "Polly", LogLevel.Warning)]
    [InlineData(null, "Orleans.Runtime.Catalog", LogLevel.Warning)]
    [InlineData(null, "System.Net.Http.HttpClient.mitid.LogicalHandler", LogLevel.Warning)]
    [InlineData(null, "NemLogin.Gateway.Login.LoginCoordinator", LogLevel.Information)]
    [InlineData("Debug", "Polly", LogLevel.Debug)]
    public void LoggingDefaults_UnderConfiguration_QuietLibrariesUnlessConfigured(string? configuredPolly, string category, LogLevel lowestEnabled)
    {
        // The cluster gateway has no appsettings.json: its defaults are code, and configuration must still win over them.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        if (configuredPolly is not null)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Polly"] = configuredPolly });
        }

        builder.AddNemLoginLoggingDefaults();
        using var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(category);

        Assert.True(logger.IsEnabled(lowestEnabled));
        Assert.False(lowestEnabled > LogLevel.Trace && logger.IsEnabled(lowestEnabled - 1));
    }
}
