using NemLogin.Grains.Errors;
using NemLogin.Gateway.Audit;
using NemLogin.Gateway.ServiceProviders;
using NemLogin.Grains;
using NemLogin.Grains.ServiceProviders;
using NemLogin.Saml;

namespace NemLogin.Gateway.Admin;

/// <summary>
/// <c>/api/admin/service-providers</c>: register or replace by posting metadata, list, show, disable, enable, delete.
/// An SP is addressed by its entityID percent-encoded as one path segment.
/// </summary>
internal static class ServiceProviderAdminEndpoints
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    public static RouteGroupBuilder MapServiceProviderAdmin(this RouteGroupBuilder admin)
    {
        var sps = admin.MapGroup("/service-providers");
        sps.MapPost(string.Empty, RegisterAsync);
        sps.MapGet(string.Empty, ListAsync);
        sps.MapGet("/{id}", (HttpContext context, IGrainFactory grains) => AdminResults.ForServiceProviderAsync(context, async entityId =>
            await grains.Reference<IServiceProviderGrain>(entityId).GetAsync() is { } r ? TypedResults.Ok(ServiceProviderDetails.From(r)) : AdminProblems.UnknownSp()));
        sps.MapGet("/{id}/metadata", (HttpContext context, IGrainFactory grains) => AdminResults.ForServiceProviderAsync(context, async entityId =>
            await grains.Reference<IServiceProviderGrain>(entityId).GetAsync() is { MetadataXml: { } xml }
                ? TypedResults.Text(xml, RequestBody.SamlMetadataMediaType + "; charset=utf-8")
                : AdminProblems.UnknownSp()));
        sps.MapPost("/{id}/disable", (HttpContext context, ServiceProviderAdministration admin) => SetEnabledAsync(context, admin, false));
        sps.MapPost("/{id}/enable", (HttpContext context, ServiceProviderAdministration admin) => SetEnabledAsync(context, admin, true));
        sps.MapDelete("/{id}", (HttpContext context, ServiceProviderAdministration admin) => AdminResults.ForServiceProviderAsync(context, async entityId =>
            await admin.DeleteAsync(context, entityId, AuditActions.AdminActor) ? TypedResults.NoContent() : AdminProblems.UnknownSp()));
        return sps;
    }

    private static async Task<IResult> RegisterAsync(HttpContext context, ServiceProviderAdministration admin)
    {
        var (xml, problem) = await RequestBody.ReadMetadataAsync(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            var (stored, created) = await admin.RegisterMetadataAsync(context, xml!, AuditActions.AdminActor);
            var details = ServiceProviderDetails.From(stored);
            return created ? TypedResults.Created(AdminResults.Location(stored.EntityId), details) : TypedResults.Ok(details);
        }
        catch (SamlException ex)
        {
            return AdminProblems.FromSaml(ex);
        }
        catch (GrainRuleException ex)
        {
            return AdminProblems.FromRule(ex);
        }
    }

    private static async Task<IResult> ListAsync(HttpContext context, IGrainFactory grains, int? offset, int? limit)
    {
        var skip = offset ?? 0;
        var take = limit ?? DefaultPageSize;
        if (skip < 0 || take is < 1 or > MaxPageSize)
        {
            return AdminProblems.Invalid(BrokerErrors.Name(BrokerError.AdminRequestInvalid), $"offset must be 0 or more and limit between 1 and {MaxPageSize}.");
        }

        var all = await grains.Reference<IServiceProviderDirectoryGrain>(ServiceProviderDirectory.Key).ListAsync();
        var page = await Task.WhenAll(all.Skip(skip).Take(take).Select(id => grains.Reference<IServiceProviderGrain>(id).GetAsync()));

        // An SP deleted between the two reads is simply left out.
        return TypedResults.Ok(new ServiceProviderList([.. page.OfType<ServiceProviderRegistration>().Select(ServiceProviderSummary.From)], skip, all.Length));
    }

    private static Task<IResult> SetEnabledAsync(HttpContext context, ServiceProviderAdministration admin, bool enabled) =>
        AdminResults.ForServiceProviderAsync(context, async entityId =>
            TypedResults.Ok(ServiceProviderSummary.From(await admin.SetEnabledAsync(context, entityId, enabled, AuditActions.AdminActor))));
}
