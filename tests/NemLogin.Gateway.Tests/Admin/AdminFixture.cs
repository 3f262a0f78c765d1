using Microsoft.Extensions.DependencyInjection;
using NemLogin.Gateway.Audit;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Saml;
using NemLogin.Saml.Metadata;
using Xunit;

namespace NemLogin.Gateway.Tests.Admin;

/// <summary>
/// One embedded broker with the admin API on (a test key) and one SP registered from the metadata folder, shared by the
/// admin, policy and audit tests. Each test registers its own SPs under fresh entityIDs, so tests never share state.
/// </summary>
public sealed class AdminFixture : IAsyncLifetime
{
    public const string ApiKey = "test-admin-key-7f3c9a1e5b2d4c6a8e0f1a3b5c7d9e1f";

    private readonly string _metadataDirectory = Directory.CreateTempSubdirectory("nemlogin-admin-sp-").FullName;

    public AdminFixture()
    {
        FileSp = NewServiceProvider("file");
        FileSp.WriteMetadataTo(_metadataDirectory);
        Broker = new BrokerFactory(new Dictionary<string, string?>
        {
            ["Admin:ApiKey"] = ApiKey,
            ["ServiceProviders:MetadataDirectory"] = _metadataDirectory,

            // Refresh rounds run when a test asks; the background round must not race them.
            ["ServiceProviders:MetadataRefreshCheckInterval"] = "12:00:00",
        });
    }

    public BrokerFactory Broker { get; }

    /// <summary>Registered from the metadata folder at start-up.</summary>
    public TestServiceProvider FileSp { get; }

    public string BaseUrl { get; private set; } = string.Empty;

    public string SsoUrl => BaseUrl + "/saml/sso";

    public IdentityProviderMetadata IdpMetadata { get; private set; } = null!;

    public AdminClient Admin { get; private set; } = null!;

    public static TestServiceProvider NewServiceProvider(string label)
    {
        var host = $"sp-{label}-{Guid.NewGuid():N}.test";
        return new TestServiceProvider($"https://{host}/saml", $"https://{host}/saml/acs");
    }

    /// <summary>Waits until every audit record recorded so far is stored (no sleeping: the buffer reports when it is done).</summary>
    public Task FlushAuditAsync() =>
        Broker.Services.GetRequiredService<IAuditTrail>().FlushAsync(TestContext.Current.CancellationToken);

    public async ValueTask InitializeAsync()
    {
        BaseUrl = Broker.BaseUrl;
        using var http = new HttpClient();
        IdpMetadata = MetadataReader.ReadIdentityProvider(await http.GetStringAsync(BaseUrl + "/saml/metadata"), SamlLimits.Default);
        Admin = new AdminClient(BaseUrl, ApiKey);
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Broker.DisposeAsync();
        Directory.Delete(_metadataDirectory, recursive: true);
    }
}
