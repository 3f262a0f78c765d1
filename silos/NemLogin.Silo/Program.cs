using NemLogin.Silo.Certificates;
using NemLogin.Silo.Database;
using NemLogin.Silo.Hosting;
using NemLogin.Silo.Keys;
using NemLogin.Silo.Seed;

// `NemLogin.Silo db migrate` applies the cluster schema and exits; anything else runs a silo.
if (DatabaseCommand.IsDatabaseCommand(args))
{
    return await DatabaseCommand.RunAsync(args);
}

// `NemLogin.Silo keys …` manages the signing keys in the HSM token and exits (README, "Keys in the HSM").
if (KeysCommand.IsKeysCommand(args))
{
    return await KeysCommand.RunAsync(args, Console.Out, Console.Error);
}

// `NemLogin.Silo certs …` makes the cluster CA and the silos', gateways' and stores' TLS certificates and exits.
if (CertsCommand.IsCertsCommand(args))
{
    return CertsCommand.Run(args, Console.Out, Console.Error);
}

// `NemLogin.Silo seed --scale F …` writes the synthetic national population into a running cluster and exits.
if (SeedCommand.IsSeedCommand(args))
{
    return await SeedCommand.RunAsync(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddNemLoginClusterSilo();
builder.AddNemLoginSiloOperations();

var app = builder.Build();
app.MapNemLoginSiloOperations();
await app.RunAsync();
return 0;
