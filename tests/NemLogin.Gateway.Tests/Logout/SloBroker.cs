using System.Text.Json;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Saml;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Metadata;
using Xunit;

namespace NemLogin.Gateway.Tests.Logout;

/// <summary>
/// One embedded broker per test class with service providers for single logout: A (HTTP-Redirect SLO), B (HTTP-POST SLO),
/// C (HTTP-Redirect SLO; in the tests it never answers), D (no SLO endpoint) and E (HTTP-Redirect with a ResponseLocation).
/// </summary>
public sealed class SloBroker : IAsyncLifetime
{
    private readonly string _metadataDirectory = Directory.CreateTempSubdirectory("nemlogin-slo-metadata-").FullName;

    public const string AdminApiKey = "slo-admin-key-0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    public SloBroker()
        : this(extraMetadata: null)
    {
    }

    /// <summary>With one more SP's metadata (an outside peer's) registered beside the test SPs.</summary>
    internal SloBroker(string? extraMetadata)
    {
        A = new SloServiceProvider("slo-a", SamlConstants.Bindings.HttpRedirect);
        B = new SloServiceProvider("slo-b", SamlConstants.Bindings.HttpPost);
        C = new SloServiceProvider("slo-c", SamlConstants.Bindings.HttpRedirect);
        D = new SloServiceProvider("slo-d", sloBinding: null);
        E = new SloServiceProvider("slo-e", SamlConstants.Bindings.HttpRedirect, responseLocation: "https://slo-e.test/saml/slo-return");
        foreach (var sp in new[] { A, B, C, D, E })
        {
            sp.WriteMetadataTo(_metadataDirectory);
        }

        if (extraMetadata is not null)
        {
            File.WriteAllText(Path.Combine(_metadataDirectory, "extra.xml"), extraMetadata);
        }

        Broker = new BrokerFactory(new Dictionary<string, string?>
        {
            ["ServiceProviders:MetadataDirectory"] = _metadataDirectory,
            ["Admin:ApiKey"] = AdminApiKey, // for OpenID Connect clients beside the SAML SPs
        });
    }

    public BrokerFactory Broker { get; }

    public SloServiceProvider A { get; }

    public SloServiceProvider B { get; }

    public SloServiceProvider C { get; }

    public SloServiceProvider D { get; }

    public SloServiceProvider E { get; }

    public string BaseUrl { get; private set; } = string.Empty;

    public string SsoUrl => BaseUrl + "/saml/sso";

    public string SloUrl => BaseUrl + "/saml/slo";

    public IdentityProviderMetadata IdpMetadata { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        BaseUrl = Broker.BaseUrl;
        using var http = new HttpClient();
        IdpMetadata = MetadataReader.ReadIdentityProvider(
            await http.GetStringAsync(BaseUrl + "/saml/metadata", TestContext.Current.CancellationToken), SamlLimits.Default);
    }

    /// <summary>Whether the browser still has a session the broker would single-sign-on <paramref name="sp"/> from (a passive request).</summary>
    public async Task<bool> IsLoggedInAsync(TestBrowser browser, SloServiceProvider sp)
    {
        var request = sp.Sp.NewRequest(SsoUrl, isPassive: true);
        var outcome = await SamlLoginWalk.RunAsync(browser, await sp.Sp.RedirectUrlAsync(SsoUrl, request));
        var response = ResponseXml.Read(outcome.ResponseXml, SamlLimits.Default).Message;
        Assert.True(response.StatusCode == SamlConstants.StatusCodes.Success || response.SubStatusCode == SamlConstants.StatusCodes.NoPassive, response.StatusCode);
        return response.StatusCode == SamlConstants.StatusCodes.Success;
    }

    /// <summary>How many participants of a logout flow have yet to answer, as its page's poll sees it.</summary>
    public static async Task<int> PendingAsync(FrontChannel channel, Hop progressPage)
    {
        var status = await channel.GetAsync(progressPage.Url + "/status");
        Assert.Equal(System.Net.HttpStatusCode.OK, status.Status);
        using var json = JsonDocument.Parse(status.Html);
        return json.RootElement.GetProperty("pending").GetInt32();
    }

    public async ValueTask DisposeAsync()
    {
        await Broker.DisposeAsync();
        Directory.Delete(_metadataDirectory, recursive: true);
    }
}
