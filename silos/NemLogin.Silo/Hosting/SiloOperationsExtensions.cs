using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NemLogin.Silo.Health;
using NemLogin.Silo.Management;
using Npgsql;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace NemLogin.Silo.Hosting;

/// <summary>What operators see of a silo: health and readiness, telemetry, the dashboard, and an orderly stop.</summary>
public static class SiloOperationsExtensions
{
    private const string AdministratorsPolicy = "administrators";

    public static WebApplicationBuilder AddNemLoginSiloOperations(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var management = builder.Configuration.GetSection(ManagementOptions.SectionName).Get<ManagementOptions>() ?? new();
        services.AddOptions<ManagementOptions>().BindConfiguration(ManagementOptions.SectionName);
        // Logged by Orleans at start-up with the dashboard password REDACTED.
        services.ConfigureFormatter<ManagementOptions>();

        // SIGTERM: Orleans deactivates every grain (their state is already written) and leaves the membership table as
        // Dead, so callers re-place the grains on the remaining silos at once instead of waiting for failure detection.
        services.Configure<HostOptions>(options => options.ShutdownTimeout = management.ShutdownTimeout);

        // Validated by AddNemLoginClusterSilo, which runs first.
        var stores = builder.Configuration.GetSection(ClusterStoreOptions.SectionName).Get<ClusterStoreOptions>() ?? new();
        services.TryAddSingleton(_ => NpgsqlDataSource.Create(stores.Orleans!));
        // IConnectionMultiplexer (readiness' Redis check) is the stores' own connection, registered with them.
        services.AddHealthChecks()
            .AddCheck<SiloActiveHealthCheck>("silo", tags: ["ready"])
            .AddCheck<PostgresHealthCheck>("postgresql", tags: ["ready"])
            .AddCheck<RedisHealthCheck>("redis", tags: ["ready"])
            .AddCheck<SignerHealthCheck>("signer", tags: ["ready"]);

        builder.AddNemLoginTelemetry(serviceName: "nemlogin-silo");

        services.AddAuthentication(AdminBasicAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, AdminBasicAuthenticationHandler>(AdminBasicAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AdministratorsPolicy, policy => policy.RequireAuthenticatedUser().RequireRole("administrator"));
        if (!string.IsNullOrEmpty(management.AdminPassword))
        {
            builder.UseOrleans(silo => silo.AddDashboard());
        }

        return builder;
    }

    public static WebApplication MapNemLoginSiloOperations(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = HealthReportWriter.WriteAsync,
        });

        var management = app.Configuration.GetSection(ManagementOptions.SectionName).Get<ManagementOptions>() ?? new();
        if (!string.IsNullOrEmpty(management.AdminPassword))
        {
            app.MapOrleansDashboard(routePrefix: "/dashboard").RequireAuthorization(AdministratorsPolicy);
        }

        return app;
    }
}
