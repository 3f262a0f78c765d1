using NemLogin.Gateway.Hosting;

// Cluster mode: the gateway is an Orleans client of separate silos. The embedded default lives in silos/NemLogin.Embedded.
var builder = WebApplication.CreateBuilder(args);
builder.AddNemLoginClusterClient();
builder.AddNemLoginGateway();
if (builder.Configuration.GetValue("Demo:Enabled", false))
{
    builder.AddNemLoginDemo();
}

var app = builder.Build();
app.MapNemLoginGateway();
if (app.Configuration.GetValue("Demo:Enabled", false))
{
    app.MapNemLoginDemo();
}

app.Run();
