using Microsoft.Extensions.DependencyInjection;
using NemLogin.Demo.DemoOrganisationIdp;
using Xunit;

namespace NemLogin.Gateway.Tests.Support;

/// <summary>
/// One embedded broker per test class with the demo organisation IdP on (the test default has it off), ready once the IdP
/// is registered for the demo organisation and its employee holds the right at the demo SP.
/// </summary>
public sealed class DemoOrganisationIdpFixture : IAsyncLifetime
{
    public const string EmployeeEmail = DemoOrganisationIdp.EmployeeEmail;

    public BrokerFactory Broker { get; } = new(new Dictionary<string, string?> { ["Demo:OrganisationIdp"] = "true" });

    public string BaseUrl { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        BaseUrl = Broker.BaseUrl;
        await Broker.Services.GetRequiredService<DemoOrganisationIdpRegistrar>().Registered.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => Broker.DisposeAsync();
}
