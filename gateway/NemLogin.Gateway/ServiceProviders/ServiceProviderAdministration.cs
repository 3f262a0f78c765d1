using Microsoft.Extensions.Options;
using NemLogin.Gateway.Audit;
using NemLogin.Grains;
using NemLogin.Grains.Audit;
using NemLogin.Grains.ServiceProviders;
using NemLogin.Saml;
using NemLogin.Grains.Errors;

namespace NemLogin.Gateway.ServiceProviders;

/// <summary>
/// Every change to the SP registry (admin API, metadata refresh), each one audited with its outcome. Changes are grain
/// writes: this gateway's <see cref="ServiceProviderCatalog"/> forgets the SP at once, every other gateway reads it again
/// within its registration cache time (one second by default), all without a restart.
/// Failures are rethrown (<see cref="SamlException"/>, <see cref="GrainRuleException"/>, <see cref="MetadataFetchException"/>)
/// for the caller to answer.
/// </summary>
internal sealed class ServiceProviderAdministration(
    IGrainFactory grains,
    ServiceProviderCatalog catalog,
    MetadataFetcher fetcher,
    IOptions<ServiceProvidersOptions> options,
    IAuditTrail audit,
    TimeProvider time,
    ILogger<ServiceProviderAdministration> logger)
{
    /// <summary>Registers a new SP, or replaces an existing SP's metadata keeping its policy. Created: it did not exist before.</summary>
    public async Task<(ServiceProviderRegistration Stored, bool Created)> RegisterMetadataAsync(HttpContext? context, string metadataXml, string actor)
    {
        string? entityId = null;
        try
        {
            var registration = FromMetadata(metadataXml);
            entityId = registration.EntityId;
            var stored = await WriteAsync(entityId, grain => grain.ReplaceMetadataAsync(registration));
            Succeeded(context, AuditActions.SpRegister, actor, entityId, $"version {stored.Version}");
            Log.ServiceProviderChanged(logger, AuditActions.SpRegister, entityId, actor, stored.Version);

            // A registration that starts over (new, or after a delete) is version 1.
            return (stored, stored.Version == 1);
        }
        catch (Exception ex) when (ex is SamlException or GrainRuleException)
        {
            Refused(context, AuditActions.SpRegister, actor, entityId ?? PeekEntityIdUnvalidated(metadataXml), ex);
            throw;
        }
    }

    public Task<ServiceProviderRegistration> SetPolicyAsync(HttpContext? context, string entityId, ServiceProviderPolicy policy, string actor) =>
        ChangeAsync(context, AuditActions.SpPolicy, entityId, actor, grain => grain.SetPolicyAsync(policy));

    public Task<ServiceProviderRegistration> SetEnabledAsync(HttpContext? context, string entityId, bool enabled, string actor) =>
        ChangeAsync(context, enabled ? AuditActions.SpEnable : AuditActions.SpDisable, entityId, actor, async grain =>
        {
            await grain.SetEnabledAsync(enabled);
            return await grain.GetAsync() ?? throw new GrainRuleException(BrokerErrors.Name(BrokerError.SpUnknown), "The service provider is not registered.");
        });

    public Task<ServiceProviderRegistration> SetMetadataSourceAsync(HttpContext? context, string entityId, MetadataSource? source, string actor) =>
        ChangeAsync(context, AuditActions.SpMetadataSource, entityId, actor, grain => grain.SetMetadataSourceAsync(source));

    /// <summary>Deletes the SP; false when it was not registered.</summary>
    public async Task<bool> DeleteAsync(HttpContext? context, string entityId, string actor)
    {
        var deleted = await WriteAsync(entityId, grain => grain.DeleteAsync());
        if (deleted)
        {
            Succeeded(context, AuditActions.SpDelete, actor, entityId, null);
            Log.ServiceProviderChanged(logger, AuditActions.SpDelete, entityId, actor, 0);
        }

        return deleted;
    }

    /// <summary>Fetches the SP's metadata from <paramref name="source"/> and replaces its registration with it.</summary>
    public async Task<ServiceProviderRegistration> RefreshMetadataAsync(HttpContext? context, string entityId, MetadataSource source, string actor, CancellationToken cancellationToken)
    {
        try
        {
            var xml = await fetcher.FetchAsync(source, cancellationToken);
            var registration = FromMetadata(xml);
            RequireSameEntity(entityId, registration.EntityId);
            var stored = await WriteAsync(entityId, grain => grain.ReplaceMetadataAsync(registration));
            Succeeded(context, AuditActions.SpMetadataRefresh, actor, entityId, $"version {stored.Version}");
            Log.ServiceProviderChanged(logger, AuditActions.SpMetadataRefresh, entityId, actor, stored.Version);
            return stored;
        }
        catch (Exception ex) when (ex is SamlException or GrainRuleException or MetadataFetchException)
        {
            Refused(context, AuditActions.SpMetadataRefresh, actor, entityId, ex);
            throw;
        }
    }

    private async Task<ServiceProviderRegistration> ChangeAsync(
        HttpContext? context, string action, string entityId, string actor, Func<IServiceProviderGrain, Task<ServiceProviderRegistration>> change)
    {
        try
        {
            var stored = await WriteAsync(entityId, change);
            Succeeded(context, action, actor, entityId, $"version {stored.Version}");
            Log.ServiceProviderChanged(logger, action, entityId, actor, stored.Version);
            return stored;
        }
        catch (GrainRuleException ex)
        {
            Refused(context, action, actor, entityId, ex);
            throw;
        }
    }

    // Only to file a refusal under the SP it claims to be; nothing is registered from it.
    private static string? PeekEntityIdUnvalidated(string metadataXml)
    {
        try
        {
            return NemLogin.Saml.Metadata.MetadataReader.ReadServiceProvider(metadataXml, SamlLimits.Default).EntityId;
        }
        catch (SamlException)
        {
            return null;
        }
    }

    // A new SP gets the configured defaults; an existing one keeps its policy (the grain's ReplaceMetadataAsync).
    private ServiceProviderRegistration FromMetadata(string xml)
    {
        var defaults = options.Value;
        return RegistrationFromMetadata.Create(
            xml, time.GetUtcNow(), id => defaults.CprEntitled.Contains(id, StringComparer.Ordinal), defaults.DefaultMinimumLoa);
    }

    // Metadata fetched for one SP that names another would move that SP's keys and endpoints under this registration.
    private static void RequireSameEntity(string expected, string actual)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            throw new GrainRuleException(BrokerErrors.Name(BrokerError.SpEntityIdMismatch), "The fetched metadata names another entityID.");
        }
    }

    // Every change goes through here: afterwards this gateway's catalog forgets the SP, whatever the outcome (a call that
    // failed may still have written).
    private async Task<T> WriteAsync<T>(string entityId, Func<IServiceProviderGrain, Task<T>> write)
    {
        try
        {
            return await write(grains.Reference<IServiceProviderGrain>(entityId));
        }
        finally
        {
            catalog.Forget(entityId);
        }
    }

    private void Succeeded(HttpContext? context, string action, string actor, string entityId, string? detail) =>
        audit.Record(context, new AuditEvent(AuditCategory.Administration, action, AuditOutcome.Success)
        {
            Actor = actor,
            ServiceProvider = entityId,
            Detail = detail,
        });

    private void Refused(HttpContext? context, string action, string actor, string? entityId, Exception ex)
    {
        var code = ex switch
        {
            SamlException saml => saml.Code.StableName(),
            GrainRuleException rule => rule.Code,
            MetadataFetchException fetch => fetch.Code,
            _ => "unknown",
        };
        Log.ServiceProviderChangeRefused(logger, action, entityId, actor, code);
        audit.Record(context, new AuditEvent(AuditCategory.Administration, action, AuditOutcome.Refused)
        {
            Actor = actor,
            ServiceProvider = entityId,
            Code = code,
        });
    }
}
