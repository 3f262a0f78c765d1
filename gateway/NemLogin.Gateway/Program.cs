using NemLogin.Gateway.Hosting;

// Cluster mode: the gateway is an Orleans client of separate silos. The embedded default lives in silos/NemLogin.Embedded;
// the demo parts are never in this host (a development cluster runs gateway/NemLogin.DemoGateway instead).
var builder = WebApplication.CreateBuilder(args);
builder.AddNemLoginClusterClient();
builder.AddNemLoginGateway();

var app = builder.Build();
app.MapNemLoginGateway();
app.Run();
