using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NemLogin.Demo.DemoOrganisation;
using NemLogin.Demo.DemoOrganisationIdp;
using NemLogin.Demo.DemoRp;
using NemLogin.Demo.DemoSp;
using NemLogin.Demo.MitIdSimulator;
using NemLogin.Demo.Production;
using NemLogin.Gateway.Pages;

namespace NemLogin.Demo.Hosting;

/// <summary>
/// The parts that make a broker clickable without any outside party: the MitID simulator (the upstream) and a demo
/// service provider. Added by the embedded host and by the development gateway host (gateway/NemLogin.DemoGateway),
/// never by the production gateway; outside Development they stop the start (<see cref="DemoProductionGuard"/>).
/// </summary>
public static class DemoHostingExtensions
{
    public static WebApplicationBuilder AddNemLoginDemo(this WebApplicationBuilder builder)
    {
        builder.Services.AddMitIdSimulator(builder.Configuration);
        // Runs where the demo is added: that is where the simulator's options are validated on start.
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MitIdSimulatorOptions>, DemoProductionGuard>());
        builder.Services.AddSingleton<DemoSpKeys>();
        builder.Services.AddSingleton<DemoServiceProvider>();
        builder.Services.AddSingleton<DemoSpRegistrar>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoSpRegistrar>());
        builder.Services.AddSingleton<IHomeLink, DemoSpHomeLink>();
        builder.Services.AddSingleton<DemoOrganisationSeeder>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoOrganisationSeeder>());
        builder.Services.AddSingleton<DemoMandate.DemoMandateSeeder>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoMandate.DemoMandateSeeder>());
        builder.Services.AddSingleton<DemoRelyingParty>();
        builder.Services.AddSingleton<DemoRpRegistrar>();
        builder.Services.AddSingleton<DemoRpEndedSessions>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoRpRegistrar>());
        builder.Services.AddSingleton<IHomeLink, DemoRpHomeLink>();
        builder.Services.AddHttpClient("demo-rp");
        return builder;
    }

    public static WebApplication MapNemLoginDemo(this WebApplication app)
    {
        app.MapMitIdSimulator();
        app.MapDemoSp();
        app.MapDemoRp();
        return app;
    }

    /// <summary>
    /// The setting that turns the demo organisation IdP off (<c>false</c>); it is on by default. While it is registered,
    /// every SAML request for the Professional profile alone first meets the broker's upstream choice page.
    /// </summary>
    public const string OrganisationIdpSetting = "Demo:OrganisationIdp";

    /// <summary>
    /// The demo organisation's own SAML IdP under <c>/demo-org-idp</c>, registered for it at start: the embedded host's
    /// only (it needs the demo parts of <see cref="AddNemLoginDemo"/>, whose production guard covers it too).
    /// </summary>
    public static WebApplicationBuilder AddNemLoginDemoOrganisationIdp(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue(OrganisationIdpSetting, true))
        {
            builder.Services.AddSingleton<DemoOrganisationIdp.DemoOrganisationIdp>();
            builder.Services.AddSingleton<DemoOrganisationIdpRegistrar>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoOrganisationIdpRegistrar>());
        }

        return builder;
    }

    public static WebApplication MapNemLoginDemoOrganisationIdp(this WebApplication app)
    {
        if (app.Configuration.GetValue(OrganisationIdpSetting, true))
        {
            app.MapDemoOrganisationIdp();
        }

        return app;
    }
}
