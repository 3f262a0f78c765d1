using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace NemLogin.Gateway.Audit;

internal static class AuditExtensions
{
    /// <summary>The audit trail: options (validated at start-up), the buffer every component records into, its writer and the reader.</summary>
    public static IServiceCollection AddNemLoginAudit(this IServiceCollection services)
    {
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>());
        services.TryAddSingleton<AuditBuffer>();
        services.TryAddSingleton<IAuditTrail>(sp => sp.GetRequiredService<AuditBuffer>());
        services.AddHostedService<AuditWriter>();
        services.TryAddSingleton<AuditReader>();
        return services;
    }
}
