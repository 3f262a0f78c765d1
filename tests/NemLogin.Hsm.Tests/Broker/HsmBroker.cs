using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Grains.Signing;
using NemLogin.Grains.Signing.Pkcs11;
using NemLogin.Saml;
using NemLogin.Saml.Metadata;

namespace NemLogin.Hsm.Tests.Broker;

/// <summary>
/// The embedded broker with <c>Signing:Provider=Pkcs11</c> on a fresh SoftHSM2 token holding a SAML key, one test SP
/// registered from metadata. With <c>withSeam</c> the host wraps the real sessions in the fault-injecting seam (a derived
/// factory, used through its own client); without it, the broker listens on a real loopback port for full logins.
/// </summary>
public sealed class HsmBroker : IAsyncDisposable
{
    private readonly string _metadataDirectory = Directory.CreateTempSubdirectory("nemlogin-hsm-sp-").FullName;

    public HsmBroker(Action<Pkcs11KeyAdministration>? prepareKeys = null, IReadOnlyDictionary<string, string?>? extraSettings = null, bool withSeam = false, Action<IServiceCollection>? services = null)
    {
        Token = SoftHsm.NewToken("broker");
        var keys = new Pkcs11KeyAdministration(Token, TimeProvider.System);
        if (prepareKeys is null)
        {
            keys.Generate(KeyPurpose.SamlSigning, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);
        }
        else
        {
            prepareKeys(keys);
        }

        Sp = new TestServiceProvider("https://sp-hsm.test/saml", "https://sp-hsm.test/saml/acs");
        Sp.WriteMetadataTo(_metadataDirectory);
        var settings = SoftHsm.Settings(Token);
        settings["ServiceProviders:MetadataDirectory"] = _metadataDirectory;
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        Factory = new BrokerFactory(settings);
        Broker = !withSeam ? Factory : Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<Pkcs11SessionFactory>();
            s.AddSingleton<IHsmSessionFactory>(sp => Seam = new FaultInjectingSessionFactory(sp.GetRequiredService<Pkcs11SessionFactory>()));
            services?.Invoke(s);
        }));
    }

    public Pkcs11SigningOptions Token { get; }

    public TestServiceProvider Sp { get; }

    public BrokerFactory Factory { get; }

    public Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<NemLogin.Embedded.Program> Broker { get; }

    public FaultInjectingSessionFactory? Seam { get; private set; }

    /// <summary>The real loopback address (without the seam only).</summary>
    public string BaseUrl => Factory.BaseUrl;

    public IGrainFactory Grains => Broker.Services.GetRequiredService<IGrainFactory>();

    /// <summary>A client of the broker: over the loopback port, or in memory (the derived factory with the seam runs on TestServer).</summary>
    public HttpClient CreateClient()
    {
        if (ReferenceEquals(Broker, Factory))
        {
            return new HttpClient { BaseAddress = new Uri(BaseUrl + "/") };
        }

        Broker.StartServer();
        var client = ((TestServer)Broker.Services.GetRequiredService<IServer>()).CreateClient();
        client.BaseAddress = new Uri("http://localhost/");
        return client;
    }

    public async Task<IdentityProviderMetadata> MetadataAsync()
    {
        using var http = CreateClient();
        var xml = await http.GetStringAsync("/saml/metadata", TestContext.Current.CancellationToken);
        return MetadataReader.ReadIdentityProvider(xml, SamlLimits.Default);
    }

    public async ValueTask DisposeAsync()
    {
        if (!ReferenceEquals(Broker, Factory))
        {
            await Broker.DisposeAsync();
        }

        await Factory.DisposeAsync();
        Directory.Delete(_metadataDirectory, recursive: true);
    }
}
