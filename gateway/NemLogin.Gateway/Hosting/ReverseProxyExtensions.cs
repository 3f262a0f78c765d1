using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NemLogin.Gateway.Transport;

namespace NemLogin.Gateway.Hosting;

/// <summary>
/// The broker behind a TLS-terminating reverse proxy (deploy/nginx.conf): the client's address, scheme and host from the
/// forwarded headers of configured proxies only, so rate limits count real clients and cookies are Secure; HSTS over
/// https; every cookie Secure when the public address is https, whatever the proxy says.
/// </summary>
public static class ReverseProxyExtensions
{
    public static IServiceCollection AddNemLoginReverseProxy(this IServiceCollection services)
    {
        services.AddOptions<TrustedProxyOptions>().BindConfiguration(TrustedProxyOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TrustedProxyOptions>, TrustedProxyOptionsValidator>());
        services.AddOptions<StrictTransportSecurityOptions>().BindConfiguration(StrictTransportSecurityOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((forwarded, trusted) =>
            TrustOnly(forwarded, trusted.Value));
        services.AddOptions<CookiePolicyOptions>().Configure<IOptions<BrokerOptions>>((policy, broker) =>
            // A cookie is never downgraded; with an https public address every cookie is Secure even when the proxy
            // in front is not (yet) trusted, so a missing ForwardedHeaders setting cannot put a session id on plain http.
            policy.Secure = PublicUrl.IsHttps(broker.Value.PublicBaseUrl) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
        return services;
    }

    /// <summary>First in the pipeline: everything after it (rate limits, cookies, HSTS, logs) sees the real client.</summary>
    public static WebApplication UseNemLoginReverseProxy(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseMiddleware<StrictTransportSecurityMiddleware>();
        app.UseCookiePolicy();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ReverseProxyExtensions).FullName!);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var trusted = app.Services.GetRequiredService<IOptions<TrustedProxyOptions>>().Value;
            if (trusted.TrustsAnyProxy)
            {
                Log.ForwardedHeadersTrusted(logger, string.Join(", ", trusted.KnownProxies), string.Join(", ", trusted.KnownNetworks), trusted.ForwardLimit);
            }
            else
            {
                Log.ForwardedHeadersIgnored(logger);
            }
        });
        return app;
    }

    private static void TrustOnly(ForwardedHeadersOptions forwarded, TrustedProxyOptions trusted)
    {
        // Empty lists mean "every sender" to the middleware (ForwardedHeadersMiddleware checks senders only when a list has
        // an entry), so without a configured proxy it reads no header at all.
        forwarded.ForwardedHeaders = trusted.TrustsAnyProxy
            ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost
            : ForwardedHeaders.None;
        forwarded.ForwardLimit = trusted.ForwardLimit;
        // ASP.NET Core trusts loopback by default; a proxy is trusted only when configured (an app on the same host could
        // otherwise name any client address). Entries that do not parse are refused at start-up by the validator.
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        // The obsolete list still holds 127.0.0.0/8 and the middleware still believes it.
#pragma warning disable ASPDEPR005
        forwarded.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
        foreach (var proxy in trusted.KnownProxies)
        {
            if (IPAddress.TryParse(proxy, out var address))
            {
                forwarded.KnownProxies.Add(address);
            }
        }

        foreach (var network in trusted.KnownNetworks)
        {
            if (System.Net.IPNetwork.TryParse(network, out var parsed))
            {
                forwarded.KnownIPNetworks.Add(parsed);
            }
        }
    }
}
