using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NemLogin.Gateway.Hosting;
using NemLogin.Demo.MitIdSimulator;
using NemLogin.Gateway.Upstream.MitId;
using Xunit;

namespace NemLogin.Gateway.Tests.Upstream;

/// <summary>Configuration that would fail at the first login fails at start-up instead.</summary>
public sealed class MitIdUpstreamOptionsTests
{
    [Fact]
    public void Options_EmbeddedSimulatorWithoutSecret_UsesTheSimulatorsSecret()
    {
        var options = Resolve(new Dictionary<string, string?> { ["MitIdSimulator:ClientSecret"] = "the-simulators-secret" });

        Assert.Null(options.Authority);
        Assert.Equal("the-simulators-secret", options.ClientSecret);
    }

    [Fact]
    public void Options_ExternalAuthorityWithoutSecret_FailsValidation()
    {
        var failure = Assert.Throws<OptionsValidationException>(() =>
            Resolve(new Dictionary<string, string?> { ["Upstream:MitId:Authority"] = "https://mitid.example" }));

        Assert.Contains(failure.Failures, f => f.Contains("ClientSecret", StringComparison.Ordinal));
    }

    // OIDC Discovery 3: an external issuer is https; plain http would expose the code exchange.
    [Theory]
    [InlineData("http://mitid.example")]
    [InlineData("mitid.example")]
    [InlineData("https://mitid.example/#fragment")]
    public void Options_AuthorityNotHttpsUrl_FailsValidation(string authority)
    {
        Assert.Throws<OptionsValidationException>(() => Resolve(new Dictionary<string, string?>
        {
            ["Upstream:MitId:Authority"] = authority,
            ["Upstream:MitId:ClientSecret"] = "secret",
        }));
    }

    [Fact]
    public void Options_LoopbackHttpAuthority_IsAccepted()
    {
        var options = Resolve(new Dictionary<string, string?>
        {
            ["Upstream:MitId:Authority"] = "http://127.0.0.1:5000/mitid-sim",
            ["Upstream:MitId:ClientSecret"] = "secret",
        });

        Assert.Equal("http://127.0.0.1:5000/mitid-sim", options.Authority);
    }

    [Fact]
    public void Options_ClientSecret_IsMarkedForRedaction() =>
        Assert.NotNull(typeof(MitIdUpstreamOptions).GetProperty(nameof(MitIdUpstreamOptions.ClientSecret))!
            .GetCustomAttributes(typeof(Orleans.RedactAttribute), inherit: false).SingleOrDefault());

    [Fact]
    public void SimulatorOptions_ClientWithRelativeRedirectUri_FailsValidation()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IBrokerUrls>(new FixedBrokerUrls("https://broker.test"));
        services.AddLogging();
        services.AddMitIdSimulator(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MitIdSimulator:Clients:0:ClientId"] = "other-sp",
            ["MitIdSimulator:Clients:0:ClientSecret"] = "secret",
            ["MitIdSimulator:Clients:0:RedirectUris:0"] = "/callback",
        }).Build());
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MitIdSimulatorOptions>>().Value);

        Assert.Contains(failure.Failures, f => f.Contains("other-sp", StringComparison.Ordinal));
    }

    private static MitIdUpstreamOptions Resolve(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddMitIdUpstream(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<MitIdUpstreamOptions>>().Value;
    }
}
