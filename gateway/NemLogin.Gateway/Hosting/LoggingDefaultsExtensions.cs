using Microsoft.Extensions.Configuration.Memory;

namespace NemLogin.Gateway.Hosting;

/// <summary>
/// What the gateway logs when nobody configured logging: its own lines, and warnings from the libraries that otherwise
/// write a line or two per request at Information (Polly's resilience pipeline around every Orleans placement,
/// HttpClient, ASP.NET Core's request lines, Orleans itself). The defaults sit under every configuration source, so
/// appsettings.json, the environment (<c>Logging__LogLevel__Polly=Information</c>) and the command line still decide.
/// They are code, not an appsettings.json of this project: the embedded host references the project, and publishing it
/// would meet two appsettings.json files.
/// </summary>
public static class LoggingDefaultsExtensions
{
    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        ["Logging:LogLevel:Orleans"] = "Warning",
        ["Logging:LogLevel:Polly"] = "Warning",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
    };

    public static WebApplicationBuilder AddNemLoginLoggingDefaults(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // First source = lowest priority.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Defaults });
        return builder;
    }
}
