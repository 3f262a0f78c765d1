using Microsoft.Extensions.DependencyInjection.Extensions;

namespace NemLogin.Gateway.Upstream.Organisations;

/// <summary>Registers organisations' own SAML IdPs as the upstream <c>org</c>.</summary>
internal static class OrganisationIdpExtensions
{
    public static IServiceCollection AddOrganisationIdpUpstream(this IServiceCollection services)
    {
        services.TryAddSingleton<OrganisationIdpServiceProvider>();
        services.TryAddSingleton<OrganisationEmployees>();
        services.TryAddSingleton<OrganisationIdpUpstream>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IUpstreamIdentityProvider, OrganisationIdpUpstream>(
            provider => provider.GetRequiredService<OrganisationIdpUpstream>()));
        return services;
    }
}
