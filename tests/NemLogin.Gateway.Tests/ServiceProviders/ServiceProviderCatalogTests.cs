using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NemLogin.Gateway.ServiceProviders;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Grains.ServiceProviders;
using NemLogin.Saml;
using Orleans;
using Xunit;

namespace NemLogin.Gateway.Tests.ServiceProviders;

/// <summary>
/// The gateway keeps registrations for <see cref="ServiceProvidersOptions.RegistrationCacheTime"/>: a change made elsewhere
/// (another gateway, written straight to the grain here) is seen once that time has passed, a change made through this
/// gateway at once (<see cref="ServiceProviderCatalog.Forget"/>, as <c>ServiceProviderAdministration</c> does after every write).
/// </summary>
public sealed class ServiceProviderCatalogTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Find_ChangedElsewhere_KeptUntilTheCacheTimeHasPassed()
    {
        var (grain, entityId) = await RegisterAsync("elsewhere");
        var clock = new FakeTimeProvider();
        var catalog = Catalog(clock, TimeSpan.FromSeconds(1));
        var first = await catalog.FindAsync(entityId);

        await grain.SetEnabledAsync(false);
        var withinCacheTime = await catalog.FindAsync(entityId);
        clock.Advance(TimeSpan.FromSeconds(1));
        var afterCacheTime = await catalog.FindAsync(entityId);

        Assert.Equal(1, first!.Registration.Version);
        Assert.Same(first, withinCacheTime);
        Assert.Null(afterCacheTime);
    }

    [Fact]
    public async Task Find_AfterForget_ReadsTheChangeAtOnce()
    {
        var (grain, entityId) = await RegisterAsync("forget");
        var catalog = Catalog(new FakeTimeProvider(), TimeSpan.FromMinutes(1));
        Assert.NotNull(await catalog.FindAsync(entityId));

        await grain.SetEnabledAsync(false);
        catalog.Forget(entityId);

        Assert.Null(await catalog.FindAsync(entityId));
        await Assert.ThrowsAsync<SamlException>(() => catalog.FindIssuerAsync(entityId));
    }

    [Fact]
    public async Task Find_UnchangedAfterTheCacheTime_SameParsedRegistration()
    {
        var (_, entityId) = await RegisterAsync("unchanged");
        var clock = new FakeTimeProvider();
        var catalog = Catalog(clock, TimeSpan.FromSeconds(1));
        var first = await catalog.FindAsync(entityId);

        clock.Advance(TimeSpan.FromSeconds(5));
        var again = await catalog.FindAsync(entityId);

        // Read again (the version is compared), not parsed again.
        Assert.Same(first, again);
    }

    [Fact]
    public async Task Find_CacheTimeZero_EveryReadSeesTheGrain()
    {
        var (grain, entityId) = await RegisterAsync("zero");
        var catalog = Catalog(new FakeTimeProvider(), TimeSpan.Zero);
        Assert.NotNull(await catalog.FindAsync(entityId));

        await grain.SetEnabledAsync(false);

        Assert.Null(await catalog.FindAsync(entityId));
    }

    [Fact]
    public async Task Find_DeletedElsewhere_GoneOnceTheCacheTimeHasPassed()
    {
        var (grain, entityId) = await RegisterAsync("deleted");
        var clock = new FakeTimeProvider();
        var catalog = Catalog(clock, TimeSpan.FromSeconds(1));
        Assert.NotNull(await catalog.FindAsync(entityId));

        await grain.DeleteAsync();
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(await catalog.FindAsync(entityId));
        await Assert.ThrowsAsync<SamlException>(() => catalog.FindIssuerAsync(entityId));
    }

    private ServiceProviderCatalog Catalog(TimeProvider clock, TimeSpan cacheTime) =>
        new(Grains, Options.Create(new ServiceProvidersOptions { RegistrationCacheTime = cacheTime }), clock);

    private IGrainFactory Grains => fixture.Broker.Services.GetRequiredService<IGrainFactory>();

    private async Task<(IServiceProviderGrain Grain, string EntityId)> RegisterAsync(string name)
    {
        var sp = new TestServiceProvider($"https://catalog-{name}-{Guid.NewGuid():N}.test/saml", $"https://catalog-{name}.test/acs");
        var grain = Grains.GetGrain<IServiceProviderGrain>(sp.EntityId);
        await grain.RegisterAsync(new ServiceProviderRegistration
        {
            EntityId = sp.EntityId,
            SigningCertificates = [sp.Certificate.RawData],
            EncryptionCertificates = [sp.Certificate.RawData],
            AssertionConsumerServices = [new SamlEndpoint(SamlConstants.Bindings.HttpPost, sp.AcsUrl, 0, true)],
            AllowedAttributes = [SamlConstants.Attributes.SpecVersion, SamlConstants.Attributes.Loa],
        });
        return (grain, sp.EntityId);
    }
}
