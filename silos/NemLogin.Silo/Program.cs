using NemLogin.Grains.Hosting;
using NemLogin.Silo.Hosting;

var builder = Host.CreateApplicationBuilder(args);

builder.UseOrleans(silo => silo
    .UseNemLoginDevelopmentClustering()
    .AddNemLoginStorage()
    .AddNemLoginGrains());

await builder.Build().RunAsync();
