using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Net.Pkcs11Interop.Common;
using Orleans.TestingHost;

namespace NemLogin.Hsm.Tests.Broker;

/// <summary>
/// A device error seen from outside: the broker answers 503 with Retry-After and sends nothing unsigned, readiness goes
/// down, and both come back without a restart once the recovery interval has passed.
/// </summary>
public sealed class HsmBrokerFaultTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly HsmBroker _broker;

    public HsmBrokerFaultTests()
    {
        _broker = new HsmBroker(
            extraSettings: new Dictionary<string, string?>
            {
                ["Signing:Pkcs11:RecoveryInterval"] = "00:01:00",
                ["Signing:Pkcs11:KeyRefreshInterval"] = "01:00:00",
            },
            withSeam: true,
            services: services =>
            {
                services.AddSingleton<TimeProvider>(_time);
                services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            });
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task DeviceError_503AndReadinessDown_ThenRecoversWithoutRestart()
    {
        using var http = _broker.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("health/ready", TestContext.Current.CancellationToken)).StatusCode);
        var seam = _broker.Seam!;
        seam.FailNextSigns(CKR.CKR_DEVICE_ERROR);

        var metadata = await http.GetAsync("saml/metadata", TestContext.Current.CancellationToken);
        var callsAfterFault = seam.SignCalls;
        var ready = await http.GetAsync("health/ready", TestContext.Current.CancellationToken);

        var page = await metadata.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, metadata.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), metadata.Headers.RetryAfter?.Delta);
        Assert.Contains("signing.hsm-unavailable", page, StringComparison.Ordinal);
        Assert.DoesNotContain("EntityDescriptor", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(callsAfterFault, seam.SignCalls);

        _time.Advance(TimeSpan.FromMinutes(1));
        var readyAgain = await http.GetAsync("health/ready", TestContext.Current.CancellationToken);
        var metadataAgain = await http.GetAsync("saml/metadata", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, readyAgain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metadataAgain.StatusCode);
        Assert.Contains("EntityDescriptor", await metadataAgain.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync() => await _broker.DisposeAsync();
}
