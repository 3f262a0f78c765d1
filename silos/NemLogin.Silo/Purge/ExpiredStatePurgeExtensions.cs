using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NemLogin.Grains.Hosting;

namespace NemLogin.Silo.Purge;

internal static class ExpiredStatePurgeExtensions
{
    /// <summary>The periodic purge of expired durable state (needs the silo's <c>NpgsqlDataSource</c>).</summary>
    public static IServiceCollection AddNemLoginExpiredStatePurge(this IServiceCollection services)
    {
        services.AddOptions<ExpiredStatePurgeOptions>().BindConfiguration(ExpiredStatePurgeOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ExpiredStatePurgeOptions>, ExpiredStatePurgeOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<ExpiredStatePurge>();
        return services;
    }
}
