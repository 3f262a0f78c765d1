using System.Net;
using NemLogin.Gateway.Tests.Support;
using Xunit;

namespace NemLogin.Gateway.Tests.Production;

/// <summary>
/// Production guards (README): outside Development the broker refuses to start with the MitID simulator as upstream
/// (or none), the simulator's development secret, the demo parts, an http public address, or no key for client secrets,
/// naming the setting; in Development (the default of `dotnet run` and of these tests) the same host starts.
/// </summary>
public sealed class ProductionGuardTests
{
    private const string DemoRefusal = "The demo parts (MitID simulator at /mitid-sim, demo service provider at /demo-sp) are on outside Development";
    private const string AuthorityUnset = "Upstream:MitId:Authority is not set, so logins would go to the built-in MitID simulator";
    private const string AuthorityIsSimulator = "is the built-in MitID simulator's address";
    private const string DevelopmentSecret = "Upstream:MitId:ClientSecret is the MitID simulator's published development secret";
    private const string PublicUrl = "Broker:PublicBaseUrl must be the broker's https address outside Development";
    private const string ClientSecretKey = "Oidc:ClientSecretKey is not set";

    /// <summary>Everything a production broker needs; only the demo parts (always in the embedded host) are wrong.</summary>
    private static Dictionary<string, string?> ProductionSettings() => new()
    {
        ["Broker:PublicBaseUrl"] = "https://login.example.dk",
        ["Upstream:MitId:Authority"] = "https://mitid.example.dk/op",
        ["Upstream:MitId:ClientSecret"] = "secret-issued-by-mitid-0123456789",
        ["Oidc:ClientSecretKey"] = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i * 7 + 3)).ToArray()),
    };

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Startup_EmbeddedHostOutsideDevelopment_RefusedNamingTheDemoParts(string environment)
    {
        var refusal = await RefusalAsync(ProductionSettings(), environment);

        Assert.Contains(DemoRefusal, refusal, StringComparison.Ordinal);
        Assert.Contains($"environment '{environment}'", refusal, StringComparison.Ordinal);
        // With every other setting right, no other guard speaks: each refusal below is its own setting's.
        Assert.DoesNotContain("Upstream:MitId", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("Broker:PublicBaseUrl", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("Oidc:ClientSecretKey", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Upstream:MitId:Authority", null, AuthorityUnset)]
    [InlineData("Upstream:MitId:Authority", "", AuthorityUnset)]
    [InlineData("Upstream:MitId:Authority", "https://login.example.dk/mitid-sim", AuthorityIsSimulator)]
    [InlineData("Upstream:MitId:ClientSecret", "mitid-simulator-development-secret", DevelopmentSecret)]
    [InlineData("Broker:PublicBaseUrl", null, PublicUrl)]
    [InlineData("Broker:PublicBaseUrl", "http://login.example.dk", PublicUrl)]
    [InlineData("Oidc:ClientSecretKey", null, ClientSecretKey)]
    [InlineData("Oidc:ClientSecretKey", " ", ClientSecretKey)]
    public async Task Startup_ProductionWithDevelopmentSetting_RefusedNamingIt(string key, string? value, string message)
    {
        var settings = ProductionSettings();
        if (value is null)
        {
            settings.Remove(key);
        }
        else
        {
            settings[key] = value;
        }

        var refusal = await RefusalAsync(settings, "Production");

        Assert.Contains(message, refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_DevelopmentWithDemoDefaults_Starts()
    {
        await using var broker = new BrokerFactory(environment: "Development");
        using var http = new HttpClient();

        using var ready = await http.GetAsync(broker.BaseUrl + "/health/ready", TestContext.Current.CancellationToken);
        using var simulator = await http.GetAsync(broker.BaseUrl + "/mitid-sim/.well-known/openid-configuration", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, simulator.StatusCode);
    }

    private static async Task<string> RefusalAsync(Dictionary<string, string?> settings, string environment)
    {
        await using var broker = new BrokerFactory(settings, environment);
        return StartupRefusal.Of(broker);
    }
}
