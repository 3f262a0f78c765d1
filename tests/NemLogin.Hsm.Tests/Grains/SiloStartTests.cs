using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NemLogin.Grains.Hosting;
using NemLogin.Grains.Signing;
using NemLogin.Grains.Signing.Pkcs11;
using Orleans.TestingHost;

namespace NemLogin.Hsm.Tests.Grains;

/// <summary>A silo in HSM mode proves module, token, PIN and key before it takes calls, and never writes the PIN.</summary>
public sealed class SiloStartTests
{
    [Fact]
    public async Task Silo_TokenWithoutSamlKey_RefusesToStartNamingTheCommand()
    {
        var token = SoftHsm.NewToken("nokey");
        using var host = Build(SoftHsm.Settings(token));

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("keys generate --purpose saml-signing", Flatten(refused), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silo_WrongPin_RefusesToStartWithoutSoftwareFallback()
    {
        var token = SoftHsm.NewToken("wrongpin");
        new Pkcs11KeyAdministration(token, TimeProvider.System).Generate(KeyPurpose.SamlSigning, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);
        var settings = SoftHsm.Settings(token);
        settings["Signing:Pkcs11:Pin"] = "not-the-pin";
        using var host = Build(settings);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("CKR_PIN_INCORRECT", Flatten(refused), StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-pin", Flatten(refused), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Signing:Pkcs11:TokenLabel", "")]
    [InlineData("Signing:Pkcs11:Pin", "")]
    [InlineData("Signing:Pkcs11:Sessions", "0")]
    [InlineData("Signing:Pkcs11:MaxQueueLength", "0")]
    public async Task Silo_Pkcs11OptionMissingOrInvalid_RefusesToStart(string key, string value)
    {
        var settings = SoftHsm.Settings(SoftHsm.Options("any-token"));
        settings[key] = value;
        using var host = Build(settings);

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(key, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silo_Pkcs11Options_LoggedAtStartWithThePinRedacted()
    {
        // Secret exposure: the options formatter writes every Signing:Pkcs11 value to the log except the PIN.
        var token = SoftHsm.NewToken("redact");
        new Pkcs11KeyAdministration(token, TimeProvider.System).Generate(KeyPurpose.SamlSigning, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);
        var logs = new CapturingLoggerProvider();
        using var host = Build(SoftHsm.Settings(token), logs);

        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);

        var text = string.Join('\n', logs.Messages);
        Assert.Contains(token.TokenLabel, text, StringComparison.Ordinal);
        Assert.Contains("Pin: REDACTED", text, StringComparison.Ordinal);
        Assert.DoesNotContain(SoftHsm.Pin, text, StringComparison.Ordinal);
    }

    [Fact]
    public void PinOptions_ToString_Redacted()
    {
        var text = SoftHsm.Options("x").ToString();

        Assert.Contains("Pin=REDACTED", text, StringComparison.Ordinal);
        Assert.DoesNotContain(SoftHsm.Pin, text, StringComparison.Ordinal);
    }

    private static IHost Build(Dictionary<string, string?> settings, ILoggerProvider? logs = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Information);
        }

        using var ports = new TestClusterPortAllocator();
        var (siloPort, gatewayPort) = ports.AllocateConsecutivePortPairs(1);
        builder.UseOrleans(silo => silo.UseLocalhostClustering(siloPort, gatewayPort).AddNemLoginInMemoryStorage().AddNemLoginGrains());
        return builder.Build();
    }

    private static string Flatten(Exception exception) =>
        exception is AggregateException aggregate
            ? string.Join(" | ", aggregate.Flatten().InnerExceptions.Select(Flatten))
            : exception.Message + (exception.InnerException is { } inner ? " | " + Flatten(inner) : string.Empty);
}
