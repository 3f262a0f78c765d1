using NemLogin.Demo.Hosting;
using NemLogin.Embedded.Hosting;
using NemLogin.Gateway.Hosting;

namespace NemLogin.Embedded;

/// <summary>
/// The embedded broker: one process with a silo (localhost clustering, in-memory grain storage, software demo key),
/// the gateway, the MitID simulator, the demo service provider and the demo organisation's own IdP. The only composition root that references the
/// grain implementations.
/// </summary>
public sealed class Program
{
    private Program()
    {
    }

    public static void Main(string[] args) => Build(args).Run();

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddNemLoginEmbeddedSilo();
        builder.AddNemLoginGateway();
        builder.AddNemLoginDemo();
        builder.AddNemLoginDemoOrganisationIdp();

        var app = builder.Build();
        app.MapNemLoginGateway();
        app.MapNemLoginDemo();
        app.MapNemLoginDemoOrganisationIdp();
        return app;
    }
}
