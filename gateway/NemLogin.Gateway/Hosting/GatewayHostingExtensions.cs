using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using NemLogin.Gateway.Admin;
using NemLogin.Gateway.Audit;
using NemLogin.Gateway.Health;
using NemLogin.Gateway.Login;
using NemLogin.Gateway.Logout;
using NemLogin.Gateway.Oidc;
using NemLogin.Gateway.Pages;
using NemLogin.Gateway.Saml;
using NemLogin.Gateway.SelfService;
using NemLogin.Gateway.ServiceProviders;
using NemLogin.Gateway.Sessions;
using NemLogin.Gateway.Signing;
using NemLogin.Gateway.Upstream;
using NemLogin.Gateway.Upstream.MitId;
using NemLogin.Gateway.Upstream.Organisations;

namespace NemLogin.Gateway.Hosting;

/// <summary>
/// The gateway's wiring: protocol endpoints, upstream identity providers, health. The grain client (co-hosted silo in
/// embedded mode, a cluster client otherwise) is the host's choice and is added separately.
/// </summary>
public static class GatewayHostingExtensions
{
    public static WebApplicationBuilder AddNemLoginGateway(this WebApplicationBuilder builder)
    {
        builder.AddNemLoginLoggingDefaults();
        var services = builder.Services;
        services.AddOptions<BrokerOptions>().BindConfiguration(BrokerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ServiceProvidersOptions>().BindConfiguration(ServiceProvidersOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // SAML messages are small; anything bigger is refused before the protocol code sees it.
            kestrel.Limits.MaxRequestBodySize = 256 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 64 * 1024;
            kestrel.Limits.MaxRequestLineSize = 64 * 1024;
            kestrel.AddServerHeader = false;
        });

        // Cookie protection for the broker's own small cookies; cluster mode moves the key ring to shared storage.
        services.AddDataProtection().SetApplicationName("NemLogin.Orleans");

        services.AddSingleton<IBrokerUrls, BrokerUrls>();
        services.AddSingleton<IssuedIds>();
        services.AddSingleton<BrokerCookies>();
        services.AddSingleton<BrowserSessions>();
        services.AddSingleton<BrowserBinding>();
        services.AddSingleton<IdentityProviderInfo>();
        services.AddNemLoginGatewaySigning();
        services.AddSingleton<ServiceProviderCatalog>();
        services.AddSingleton<SamlResponder>();
        services.AddSingleton<LoginCoordinator>();
        services.AddSingleton<SamlFrontChannel>();
        services.AddSingleton<SsoEndpoint>();
        services.AddSingleton<IdpMetadataService>();
        services.AddHostedService<MetadataDirectoryRegistrar>();
        services.AddNemLoginSingleLogout();
        services.AddNemLoginAudit();
        services.AddNemLoginAdmin();
        services.AddMitIdUpstream(builder.Configuration);
        services.AddOrganisationIdpUpstream();
        services.AddNemLoginOidc(builder.Environment);
        services.AddNemLoginSelfService();

        services.AddNemLoginProductionGuards();
        services.AddNemLoginReverseProxy();
        services.AddNemLoginRateLimiting();
        services.AddHealthChecks().AddCheck<SignerHealthCheck>("signer", tags: ["ready"]);
        return builder;
    }

    public static WebApplication MapNemLoginGateway(this WebApplication app)
    {
        app.UseNemLoginReverseProxy();
        app.UseNemLoginSigningUnavailablePage();
        app.UseRateLimiter();
        app.MapSaml();
        app.MapLogout();
        app.MapUpstream();
        app.MapLoginPages();
        app.MapNemLoginOidc();
        app.MapSelfService();
        app.MapHome();
        app.MapAdminApi();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}
