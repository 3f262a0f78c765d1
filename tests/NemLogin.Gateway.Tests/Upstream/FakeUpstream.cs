using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NemLogin.Gateway.Hosting;
using NemLogin.Gateway.Tests.MitIdSimulator;
using NemLogin.Gateway.Upstream;
using NemLogin.Gateway.Upstream.MitId;
using NemLogin.Grains.LoginFlows;
using Xunit;

namespace NemLogin.Gateway.Tests.Upstream;

/// <summary>The MitID client wired as the broker wires it, talking to a <see cref="FakeMitIdServer"/> under the test's clock.</summary>
internal sealed class FakeUpstream : IDisposable
{
    private readonly ServiceProvider _services;

    public FakeUpstream()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Upstream:MitId:Authority"] = FakeMitIdServer.Issuer,
            ["Upstream:MitId:ClientSecret"] = FakeMitIdServer.ClientSecret,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IBrokerUrls>(new FixedBrokerUrls("https://broker.test"));
        services.AddMitIdUpstream(configuration);
        services.AddHttpClient(MitIdMetadataCache.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Server);
        _services = services.BuildServiceProvider();
        Minter.PublishTo(Server);
    }

    public FakeMitIdServer Server { get; } = new();

    public ManualTimeProvider Clock { get; } = new();

    public IdTokenMinter Minter { get; } = new("key-1");

    public IUpstreamIdentityProvider Provider => _services.GetServices<IUpstreamIdentityProvider>().Single(p => p.Name == "mitid");

    public static PendingLogin Pending => new()
    {
        Protocol = "saml",
        ServiceProviderId = "https://sp.example",
        RequestId = "_request",
        ResponseUrl = "https://sp.example/acs",
        Upstream = "mitid",
        UpstreamNonce = IdTokenMinter.Nonce,
        UpstreamCodeVerifier = "verifier-of-this-login-0123456789-abcdefghijk",
        BrowserBinding = "browser-binding",
    };

    /// <summary>Completes a login whose token endpoint answers with <paramref name="idToken"/>.</summary>
    public Task<UpstreamAuthentication> CompleteWithAsync(string idToken, string query = "?code=the-code&state=flow&iss=https%3A%2F%2Fmitid.test")
    {
        Server.IdToken = () => idToken;
        return Provider.CompleteAsync(Callback(query), Pending, TestContext.Current.CancellationToken);
    }

    public async Task<string> FailureCodeAsync(string idToken, string query = "?code=the-code&state=flow&iss=https%3A%2F%2Fmitid.test")
    {
        var failure = await Assert.ThrowsAsync<UpstreamException>(() => CompleteWithAsync(idToken, query));
        return failure.Code;
    }

    public void Dispose()
    {
        _services.Dispose();
        Minter.Dispose();
    }

    private static HttpContext Callback(string query)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(query);
        return context;
    }
}
