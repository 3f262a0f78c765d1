using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NemLogin.Grains.LoginFlows;
using NemLogin.Grains.Sessions;
using NemLogin.Grains.Signing;
using Orleans.Storage;

namespace NemLogin.Grains.Tests.Hosting;

public sealed class GrainsHostingTests
{
    [Fact]
    public void Hosting_InMemoryStorage_MapsEveryStorageName()
    {
        var names = typeof(StorageNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToArray();
        using var host = SiloHosts.Build();

        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.NotNull(host.Services.GetKeyedService<IGrainStorage>(name)));
    }

    [Fact]
    public void Hosting_NoConfiguration_DocumentedDefaults()
    {
        using var host = SiloHosts.Build();

        Assert.Equal(TimeSpan.FromHours(8), host.Services.GetRequiredService<IOptions<SessionOptions>>().Value.AbsoluteLifetime);
        Assert.Equal(TimeSpan.FromMinutes(15), host.Services.GetRequiredService<IOptions<LoginFlowOptions>>().Value.Lifetime);
        var signing = host.Services.GetRequiredService<IOptions<SigningOptions>>().Value;
        Assert.Equal("Software", signing.Provider);
        Assert.Equal(".nemlogin-data/keys", signing.SoftwareKeyDirectory);
        Assert.Same(TimeProvider.System, host.Services.GetRequiredService<TimeProvider>());
        Assert.IsType<SoftwareSigningKeyStore>(host.Services.GetRequiredService<ISigningKeyStore>());
    }

    [Fact]
    public void Hosting_Configuration_BindsSectionsToOptions()
    {
        using var host = SiloHosts.Build(
            ("Sessions:AbsoluteLifetime", "02:00:00"),
            ("LoginFlows:Lifetime", "00:05:00"),
            ("Signing:SoftwareKeyDirectory", "/var/lib/nemlogin/keys"));

        Assert.Equal(TimeSpan.FromHours(2), host.Services.GetRequiredService<IOptions<SessionOptions>>().Value.AbsoluteLifetime);
        Assert.Equal(TimeSpan.FromMinutes(5), host.Services.GetRequiredService<IOptions<LoginFlowOptions>>().Value.Lifetime);
        Assert.Equal("/var/lib/nemlogin/keys", host.Services.GetRequiredService<IOptions<SigningOptions>>().Value.SoftwareKeyDirectory);
    }

    [Theory]
    [InlineData("Sessions:AbsoluteLifetime", "00:00:00")]
    [InlineData("Sessions:AbsoluteLifetime", "30.00:00:00")]
    [InlineData("LoginFlows:Lifetime", "-00:01:00")]
    [InlineData("LoginFlows:Lifetime", "1.00:00:00")]
    [InlineData("Signing:SoftwareKeyDirectory", " ")]
    public async Task Hosting_InvalidOption_SiloRefusesToStart(string key, string value)
    {
        using var host = SiloHosts.Build((key, value));

        await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Hosting_UnknownSigningProvider_SiloRefusesToStart()
    {
        // Fail closed: a misspelt HSM provider must stop the silo, never fall back to signing with a software key.
        using var host = SiloHosts.Build(("Signing:Provider", "Pkcs-11"));

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Signing:Provider", refused.Message, StringComparison.Ordinal);
    }
}
