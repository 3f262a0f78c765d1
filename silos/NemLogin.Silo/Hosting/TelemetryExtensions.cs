using NemLogin.Grains.Signing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace NemLogin.Silo.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics: Orleans' own sources (grain calls, with the caller's trace context carried in the
/// RequestContext by AddActivityPropagation) and ASP.NET Core. Exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set.
/// </summary>
internal static class TelemetryExtensions
{
    public static WebApplicationBuilder AddNemLoginTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        var dataCentre = builder.Configuration[$"{DataCentreOptions.SectionName}:Name"] ?? "";
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(serviceName, serviceInstanceId: Environment.MachineName + "-" + Environment.ProcessId)
                .AddAttributes([new("nemlogin.data_centre", dataCentre)]))
            .WithTracing(tracing => tracing
                .SetSampler(Sampler(builder.Configuration))
                .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddAspNetCoreInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter("Microsoft.Orleans")
                .AddMeter(SigningMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
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
