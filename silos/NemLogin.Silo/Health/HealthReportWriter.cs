using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NemLogin.Silo.Health;

/// <summary>Readiness as JSON: which part (silo, PostgreSQL, Redis, signer) is failing, without exception details.</summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
