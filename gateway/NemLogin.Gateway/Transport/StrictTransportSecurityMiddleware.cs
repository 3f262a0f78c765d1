using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using NemLogin.Gateway.Hosting;

namespace NemLogin.Gateway.Transport;

/// <summary>
/// Sends <c>Strict-Transport-Security</c> when the browser reached the broker over https: the request itself is https
/// (directly, or as a trusted proxy forwarded it) or the broker's public address is https (TLS ends at the proxy, and
/// browsers only reach the broker through that address). Never for localhost: a developer's browser would then refuse
/// plain http on every local port.
/// </summary>
internal sealed class StrictTransportSecurityMiddleware
{
    private readonly RequestDelegate _next;
    private readonly string _header;
    private readonly bool _publicUrlIsHttps;

    public StrictTransportSecurityMiddleware(RequestDelegate next, IOptions<StrictTransportSecurityOptions> options, IOptions<BrokerOptions> broker)
    {
        _next = next;
        _publicUrlIsHttps = PublicUrl.IsHttps(broker.Value.PublicBaseUrl);
        var maxAge = ((long)options.Value.MaxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        _header = "max-age=" + maxAge + (options.Value.IncludeSubDomains ? "; includeSubDomains" : "");
    }

    public Task InvokeAsync(HttpContext context)
    {
        if ((context.Request.IsHttps || _publicUrlIsHttps) && !IsLocal(context.Request.Host.Host))
        {
            // Set when the response starts: error pages and middleware that clear headers run before that.
            var header = _header;
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.StrictTransportSecurity = header;
                return Task.CompletedTask;
            });
        }

        return _next(context);
    }

    private static bool IsLocal(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
