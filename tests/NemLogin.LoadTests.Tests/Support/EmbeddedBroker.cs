using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace NemLogin.LoadTests.Tests.Support;

/// <summary>
/// The embedded broker in this process on a real loopback port (the runner speaks HTTP to it like to any target),
/// with its own data folder, silo port and settings.
/// </summary>
public sealed class EmbeddedBroker : WebApplicationFactory<NemLogin.Embedded.Program>
{
    private readonly Dictionary<string, string?> _settings;

    public EmbeddedBroker(IReadOnlyDictionary<string, string?> settings)
    {
        DataDirectory = Directory.CreateTempSubdirectory("nemlogin-load-broker-").FullName;
        _settings = new Dictionary<string, string?>(settings)
        {
            ["Orleans:SiloPort"] = LoopbackPort.Free().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Broker:DataDirectory"] = DataDirectory,
            ["Signing:SoftwareKeyDirectory"] = Path.Combine(DataDirectory, "keys"),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    public string DataDirectory { get; }

    public Uri BaseUrl
    {
        get
        {
            StartServer();
            return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
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
            // A file still held by a finishing background task; the OS cleans temp folders.
        }
    }
}
