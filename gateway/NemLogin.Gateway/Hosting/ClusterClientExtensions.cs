namespace NemLogin.Gateway.Hosting;

/// <summary>The gateway as an Orleans client of a separate silo cluster (cluster mode).</summary>
public static class ClusterClientExtensions
{
    public static WebApplicationBuilder AddNemLoginClusterClient(this WebApplicationBuilder builder)
    {
        var gatewayPort = builder.Configuration.GetValue("Orleans:GatewayPort", 30000);
        builder.UseOrleansClient(client => client
            .UseLocalhostClustering(gatewayPort, builder.Configuration["Orleans:ServiceId"] ?? "nemlogin", builder.Configuration["Orleans:ClusterId"] ?? "nemlogin"));
        return builder;
    }
}
