using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace NemLogin.Gateway.Tests.Support;

/// <summary>
/// The embedded broker (silo, gateway, MitID simulator, demo SP) on a real loopback port, so the back-channel code
/// exchange with the simulator and outside peers (node-saml, Chromium) reach it like in production.
/// Each instance has its own data folder and silo port.
/// </summary>
public sealed class BrokerFactory : WebApplicationFactory<NemLogin.Embedded.Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;
    private readonly ILoggerProvider? _logCapture;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="settings">Configuration on top of the test defaults.</param>
    /// <param name="environment">The host environment; Development (as <c>dotnet run</c> has it) unless a test says otherwise.</param>
    /// <param name="logCapture">
    /// Receives the host's log. With it the host keeps its own logging configuration (appsettings.json and code defaults);
    /// without it only warnings are logged, to keep test output short.
    /// </param>
    /// <param name="services">
    /// Changes to the host's services after its own wiring: only for parties outside the broker that the test must make
    /// misbehave (an upstream that ignores ForceAuthn, say), or for observers that change nothing (a
    /// <see cref="GrainCallCounter"/>); never to replace the broker's own parts.
    /// </param>
    public BrokerFactory(
        IReadOnlyDictionary<string, string?>? settings = null,
        string environment = "Development",
        ILoggerProvider? logCapture = null,
        Action<IServiceCollection>? services = null)
    {
        _environment = environment;
        _logCapture = logCapture;
        _services = services;
        DataDirectory = Directory.CreateTempSubdirectory("nemlogin-test-").FullName;
        _settings = new Dictionary<string, string?>
        {
            ["Orleans:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Broker:DataDirectory"] = DataDirectory,
            ["Signing:SoftwareKeyDirectory"] = Path.Combine(DataDirectory, "keys"),
            // Off unless a test turns it on: with an organisation IdP registered, every Professional request meets the
            // upstream choice page first (DemoOrganisationIdpTests and the Chromium flow test walk it).
            ["Demo:OrganisationIdp"] = "false",
        };
        if (logCapture is null)
        {
            _settings["Logging:LogLevel:Default"] = "Warning";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
    }

    public string DataDirectory { get; }

    /// <summary>The broker's base URL as the broker itself sees it, e.g. http://127.0.0.1:41234 (starts the server on first use).</summary>
    public string BaseUrl
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return address.TrimEnd('/');
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        if (_logCapture is { } capture)
        {
            builder.ConfigureServices(services => services.AddSingleton(capture));
        }

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a finishing background task; the temp folder is cleaned by the OS later.
        }
    }
}
