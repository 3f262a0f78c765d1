using NemLogin.Silo.Database;
using NemLogin.Silo.Hosting;

// `NemLogin.Silo db migrate` applies the cluster schema and exits; anything else runs a silo.
if (DatabaseCommand.IsDatabaseCommand(args))
{
    return await DatabaseCommand.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddNemLoginClusterSilo();
builder.AddNemLoginSiloOperations();

var app = builder.Build();
app.MapNemLoginSiloOperations();
await app.RunAsync();
return 0;
