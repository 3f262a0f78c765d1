using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NemLogin.Gateway.Hosting;
using NemLogin.Demo.MitIdSimulator;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Gateway.Upstream.MitId;
using Xunit;

namespace NemLogin.Gateway.Tests.MitIdSimulator;

/// <summary>
/// A small real host: Kestrel on a random loopback port serving the MitID simulator, with the broker's MitID client
/// registered against it, so every test crosses real HTTP for both the browser and the back channel.
/// </summary>
internal sealed class MitIdTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MitIdTestHost(WebApplication app, CapturingLoggerProvider logs)
    {
        _app = app;
        Logs = logs;
        BaseUrl = app.Services.GetRequiredService<IBrokerUrls>().BaseUrl;
    }

    public string BaseUrl { get; }

    public string Issuer => BaseUrl + "/mitid-sim";

    public string CallbackUrl => BaseUrl + "/upstream/mitid/callback";

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => _app.Services;

    public MitIdUpstreamProvider Upstream => _app.Services.GetRequiredService<MitIdUpstreamProvider>();

    public static async Task<MitIdTestHost> StartAsync(
        Action<IServiceCollection>? configureServices = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Trace);

        configureServices?.Invoke(builder.Services);
        builder.Services.AddSingleton<IBrokerUrls, LoopbackBrokerUrls>();
        builder.Services.AddMitIdSimulator(builder.Configuration);
        builder.Services.AddMitIdUpstream(builder.Configuration);

        var app = builder.Build();
        app.MapMitIdSimulator();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new MitIdTestHost(app, logs);
    }

    /// <summary>A browser: keeps cookies, does not follow redirects so the test sees each hop.</summary>
    public SimulatorBrowser NewBrowser() => new(BaseUrl);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
