using NemLogin.Demo.Hosting;
using NemLogin.Embedded.Hosting;
using NemLogin.Gateway.Hosting;

namespace NemLogin.Embedded;

/// <summary>
/// The embedded broker: one process with a silo (localhost clustering, in-memory grain storage, software demo key),
/// the gateway, the MitID simulator and the demo service provider. The only composition root that references the
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

        var app = builder.Build();
        app.MapNemLoginGateway();
        app.MapNemLoginDemo();
        return app;
    }
}
