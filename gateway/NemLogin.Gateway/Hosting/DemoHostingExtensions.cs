using NemLogin.Gateway.DemoRp;
using NemLogin.Gateway.DemoSp;
using NemLogin.Gateway.MitIdSimulator;
using NemLogin.Gateway.Pages;

namespace NemLogin.Gateway.Hosting;

/// <summary>
/// The parts that make a broker clickable without any outside party: the MitID simulator (the upstream) and a demo
/// service provider. On by default in embedded mode; a cluster turns them on with <c>Demo:Enabled</c>.
/// </summary>
public static class DemoHostingExtensions
{
    public static WebApplicationBuilder AddNemLoginDemo(this WebApplicationBuilder builder)
    {
        builder.Services.AddMitIdSimulator(builder.Configuration);
        builder.Services.AddSingleton<DemoSpKeys>();
        builder.Services.AddSingleton<DemoServiceProvider>();
        builder.Services.AddSingleton<DemoSpRegistrar>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoSpRegistrar>());
        builder.Services.AddSingleton<IHomeLink, DemoSpHomeLink>();
        builder.Services.AddSingleton<DemoRelyingParty>();
        builder.Services.AddSingleton<DemoRpRegistrar>();
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
}
