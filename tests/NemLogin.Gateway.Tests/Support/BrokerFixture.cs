using NemLogin.Saml;
using NemLogin.Saml.Metadata;
using Xunit;

namespace NemLogin.Gateway.Tests.Support;

/// <summary>
/// One embedded broker per test class, with two test SPs registered from the metadata folder: SP A lists no
/// EncryptionMethod and gets the default (AES-256-GCM + rsa-oaep-mgf1p), SP B asks for AES-256-CBC + rsa-oaep-mgf1p.
/// </summary>
public sealed class BrokerFixture : IAsyncLifetime
{
    private readonly string _metadataDirectory = Directory.CreateTempSubdirectory("nemlogin-sp-metadata-").FullName;

    public BrokerFixture()
    {
        SpA = new TestServiceProvider("https://sp-a.test/saml", "https://sp-a.test/saml/acs");
        SpB = new TestServiceProvider("https://sp-b.test/saml", "https://sp-b.test/saml/acs", SamlConstants.Algorithms.Aes256Cbc, SamlConstants.Algorithms.RsaOaepMgf1p);
        SpA.WriteMetadataTo(_metadataDirectory);
        SpB.WriteMetadataTo(_metadataDirectory);
        Broker = new BrokerFactory(new Dictionary<string, string?> { ["ServiceProviders:MetadataDirectory"] = _metadataDirectory });
    }

    public BrokerFactory Broker { get; }

    /// <summary>The folder SP A's and SP B's metadata are registered from (another broker of a test may use it too).</summary>
    public string MetadataDirectory => _metadataDirectory;

    public TestServiceProvider SpA { get; }

    public TestServiceProvider SpB { get; }

    public string BaseUrl { get; private set; } = string.Empty;

    public string SsoUrl => BaseUrl + "/saml/sso";

    public IdentityProviderMetadata IdpMetadata { get; private set; } = null!;

    public string IdpMetadataXml { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        BaseUrl = Broker.BaseUrl;
        using var http = new HttpClient();
        IdpMetadataXml = await http.GetStringAsync(BaseUrl + "/saml/metadata");
        IdpMetadata = MetadataReader.ReadIdentityProvider(IdpMetadataXml, SamlLimits.Default);
    }

    public async ValueTask DisposeAsync()
    {
        await Broker.DisposeAsync();
        Directory.Delete(_metadataDirectory, recursive: true);
    }
}
