using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace NemLogin.Gateway.Hosting;

/// <summary>
/// OpenTelemetry for a cluster gateway: ASP.NET Core and HttpClient spans, Orleans client spans (their context rides
/// the grain call to the silo, which continues the same trace), metrics. OTLP export when OTEL_EXPORTER_OTLP_ENDPOINT is set.
/// </summary>
internal static class ClusterTelemetryExtensions
{
    public static WebApplicationBuilder AddNemLoginClusterTelemetry(this WebApplicationBuilder builder, string dataCentre)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService("nemlogin-gateway", serviceInstanceId: Environment.MachineName + "-" + Environment.ProcessId)
                .AddAttributes([new("nemlogin.data_centre", dataCentre)]))
            .WithTracing(tracing => tracing
                .SetSampler(Sampler(builder.Configuration))
                .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter("Microsoft.Orleans")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// Telemetry:TraceSampleRatio (default 1) of traces that start here; a trace the caller sampled (W3C traceparent
    /// flag) is always continued, so one request can be followed through gateway and silos at any ratio.
    /// </summary>
    private static ParentBasedSampler Sampler(IConfiguration configuration)
    {
        var ratio = Math.Clamp(configuration.GetValue("Telemetry:TraceSampleRatio", 1.0), 0.0, 1.0);
        return new ParentBasedSampler(new TraceIdRatioBasedSampler(ratio));
    }
}
