using NemLogin.Demo.Hosting;
using NemLogin.Gateway.Hosting;

// A development cluster's gateway: gateway/NemLogin.Gateway's composition plus the demo parts, which refuse to start
// outside Development. Production runs NemLogin.Gateway.
var builder = WebApplication.CreateBuilder(args);
builder.AddNemLoginClusterClient();
builder.AddNemLoginGateway();
builder.AddNemLoginDemo();

var app = builder.Build();
app.MapNemLoginGateway();
app.MapNemLoginDemo();
app.Run();
