using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace NemLogin.Gateway.Hosting;

/// <summary>
/// docs/security.md, abuse: per-address token buckets on every endpoint (<see cref="AddressRateLimiter"/>); an address
/// over its budget gets 429 with Retry-After instead of consuming a login's worth of work (signatures, grain calls).
/// </summary>
internal static class RateLimitingExtensions
{
    public static IServiceCollection AddNemLoginRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddSingleton(sp => new AddressRateLimiter(sp.GetRequiredService<IOptions<RateLimitOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddOptions<RateLimiterOptions>().Configure<IServiceProvider>((limiter, limiters) =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
            limiter.GlobalLimiter = limiters.GetRequiredService<AddressRateLimiter>();
        });
        return services;
    }
}
