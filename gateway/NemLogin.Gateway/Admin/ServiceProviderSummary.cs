using NemLogin.Grains.ServiceProviders;

namespace NemLogin.Gateway.Admin;

internal sealed record ServiceProviderSummary(string EntityId, bool Enabled, long Version, DateTimeOffset RegisteredAt)
{
    public static ServiceProviderSummary From(ServiceProviderRegistration registration) =>
        new(registration.EntityId, registration.Enabled, registration.Version, registration.RegisteredAt);
}
