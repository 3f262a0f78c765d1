using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NemLogin.Demo.DemoMandate;
using NemLogin.Gateway.Audit;
using NemLogin.Gateway.Tests.Admin;
using NemLogin.Gateway.Tests.Support;
using Xunit;

namespace NemLogin.Gateway.Tests.SelfService;

/// <summary>
/// One embedded broker for the self-service tests: the demo data (alice's mandate for bent at the demo SP, bent employed by
/// Demo Erhverv ApS), two test SPs registered from the metadata folder, and the admin API on for reading the audit trail.
/// The simulator knows four people only, so tests name the mandates they made by id and never count a list.
/// </summary>
public sealed class SelfServiceFixture : IAsyncLifetime
{
    public const string ApiKey = "test-admin-key-5e1f0c2b7a9d4e6f8a0b1c2d3e4f5a6b";

    private readonly string _metadataDirectory = Directory.CreateTempSubdirectory("nemlogin-selfservice-sp-").FullName;

    public SelfServiceFixture()
    {
        SpA = new TestServiceProvider("https://sp-selfservice-a.test/saml", "https://sp-selfservice-a.test/saml/acs");
        SpB = new TestServiceProvider("https://sp-selfservice-b.test/saml", "https://sp-selfservice-b.test/saml/acs");
        SpA.WriteMetadataTo(_metadataDirectory);
        SpB.WriteMetadataTo(_metadataDirectory);
        Broker = new BrokerFactory(new Dictionary<string, string?>
        {
            ["Admin:ApiKey"] = ApiKey,
            ["ServiceProviders:MetadataDirectory"] = _metadataDirectory,
        });
    }

    public BrokerFactory Broker { get; }

    public TestServiceProvider SpA { get; }

    public TestServiceProvider SpB { get; }

    public string BaseUrl { get; private set; } = string.Empty;

    public AdminClient Admin { get; private set; } = null!;

    public IGrainFactory Grains => Broker.Services.GetRequiredService<IGrainFactory>();

    public async ValueTask InitializeAsync()
    {
        BaseUrl = Broker.BaseUrl;
        Admin = new AdminClient(BaseUrl, ApiKey);
        await Broker.Services.GetRequiredService<DemoMandateSeeder>().Seeded;
    }

    /// <summary>A person who has logged in once (an identity in the CPR index) with a fresh CPR number; not a simulator user.</summary>
    public async Task<(Guid Id, string Cpr, string Name)> PersonAsync(int age, string givenName = "Test", string familyName = "Person")
    {
        var (id, cpr) = await TestPeople.CreateAsync(Grains, age, givenName, familyName);
        return (id, cpr, givenName + " " + familyName);
    }

    /// <summary>The audit records of the last hour that match <paramref name="query"/>, once everything recorded so far is stored.</summary>
    public async Task<IReadOnlyList<JsonNode>> AuditAsync(string query)
    {
        await Broker.Services.GetRequiredService<IAuditTrail>().FlushAsync(TestContext.Current.CancellationToken);
        var from = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O", CultureInfo.InvariantCulture));
        var to = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O", CultureInfo.InvariantCulture));
        var reply = await Admin.GetAsync($"/api/admin/audit?from={from}&to={to}&limit=1000&{query}");
        Assert.Equal(System.Net.HttpStatusCode.OK, reply.Status);
        return [.. reply.Json["records"]!.AsArray().OfType<JsonNode>()];
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Broker.DisposeAsync();
        Directory.Delete(_metadataDirectory, recursive: true);
    }
}
