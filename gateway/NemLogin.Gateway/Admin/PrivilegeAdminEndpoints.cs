using NemLogin.Gateway.Audit;
using NemLogin.Gateway.Oidc;
using NemLogin.Gateway.Organisations;
using NemLogin.Grains;
using NemLogin.Grains.Errors;
using NemLogin.Grains.Oidc;
using NemLogin.Grains.Rights;
using NemLogin.Grains.ServiceProviders;

namespace NemLogin.Gateway.Admin;

/// <summary>
/// The privileges catalogue an IT system's provider defines: <c>/api/admin/service-providers/{entityId}/privileges</c>
/// (the entityID percent-encoded as one path segment, <see cref="EntityIdSegment"/>) and
/// <c>/api/admin/oidc-clients/{clientId}/privileges</c>. GET reads it, PUT replaces it (with a request id).
/// </summary>
internal static class PrivilegeAdminEndpoints
{
    public static RouteGroupBuilder MapPrivilegeAdmin(this RouteGroupBuilder admin)
    {
        admin.MapGet("/service-providers/{id}/privileges", (HttpContext context, IGrainFactory grains) =>
            ForSystemAsync(SamlSystem(context), grains, system => GetAsync(system, grains)));
        admin.MapPut("/service-providers/{id}/privileges", (HttpContext context, IGrainFactory grains, OrganisationAdministration administration) =>
            ForSystemAsync(SamlSystem(context), grains, system => ReplaceAsync(system, context, administration)));
        admin.MapGet("/oidc-clients/{clientId}/privileges", (string clientId, IGrainFactory grains) =>
            ForSystemAsync(OidcSystem(clientId), grains, system => GetAsync(system, grains)));
        admin.MapPut("/oidc-clients/{clientId}/privileges", (string clientId, HttpContext context, IGrainFactory grains, OrganisationAdministration administration) =>
            ForSystemAsync(OidcSystem(clientId), grains, system => ReplaceAsync(system, context, administration)));
        return admin;
    }

    private static ItSystem? SamlSystem(HttpContext context) => EntityIdSegment.Read(context) is { } entityId ? ItSystem.Saml(entityId) : null;

    private static ItSystem? OidcSystem(string clientId) => OidcClientIds.IsWellFormed(clientId) ? ItSystem.Oidc(clientId) : null;

    private static async Task<IResult> GetAsync(ItSystem system, IGrainFactory grains) =>
        TypedResults.Ok(From(await grains.Reference<IPrivilegeCatalogueGrain>(system.Key).GetAsync()));

    private static async Task<IResult> ReplaceAsync(ItSystem system, HttpContext context, OrganisationAdministration administration)
    {
        var (body, requestId, problem) = await IdempotencyKey.ReadChangeAsync<PrivilegeCatalogueDocument>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Privileges is null || body.Privileges.Any(p => p is null))
        {
            return BusinessProblems.Of(BrokerError.PrivilegesCatalogueInvalid, "privileges is a list of {uri, name, constraints} (empty to define none).");
        }

        var stored = await administration.ReplaceCatalogueAsync(context, system, requestId!, [.. body.Privileges.Select(p => p.ToPrivilege())], AuditActions.AdminActor);
        return TypedResults.Ok(From(stored));
    }

    private static PrivilegeCatalogueDocument From(PrivilegeCatalogue? catalogue) => new()
    {
        Privileges = catalogue is null ? [] : [.. catalogue.Privileges.Select(PrivilegeDocument.From)],
        Version = catalogue?.Version ?? 0,
        UpdatedAt = catalogue?.UpdatedAt,
    };

    // A catalogue exists only for a registered system: an unknown one is 404 before anything is read or stored.
    private static async Task<IResult> ForSystemAsync(ItSystem? system, IGrainFactory grains, Func<ItSystem, Task<IResult>> action)
    {
        var registered = system?.Kind switch
        {
            ItSystemKind.Saml => await grains.Reference<IServiceProviderGrain>(system.Id).GetAsync() is not null,
            ItSystemKind.Oidc => await grains.Reference<IOidcClientGrain>(system.Id).GetAsync() is not null,
            _ => false,
        };
        if (!registered)
        {
            return system?.Kind == ItSystemKind.Oidc
                ? OidcClientAdminEndpoints.UnknownClient()
                : AdminProblems.UnknownSp();
        }

        try
        {
            return await action(system!);
        }
        catch (GrainRuleException ex)
        {
            return BusinessProblems.FromRule(ex);
        }
    }
}
