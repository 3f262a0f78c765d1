using NemLogin.Gateway.Audit;
using NemLogin.Gateway.ServiceProviders;
using NemLogin.Grains.ServiceProviders;
using NemLogin.Grains;

namespace NemLogin.Gateway.Admin;

/// <summary><c>/api/admin/service-providers/{id}/metadata-source</c>: periodic refresh from a URL; set, remove, refresh now.</summary>
internal static class MetadataSourceAdminEndpoints
{
    public const string SourceMissing = "admin.metadata-source.missing";

    public static RouteGroupBuilder MapMetadataSourceAdmin(this RouteGroupBuilder sps)
    {
        sps.MapPut("/{id}/metadata-source", PutAsync);
        sps.MapDelete("/{id}/metadata-source", (HttpContext context, ServiceProviderAdministration admin) => AdminResults.ForServiceProviderAsync(context, async entityId =>
        {
            await admin.SetMetadataSourceAsync(context, entityId, null, AuditActions.AdminActor);
            return TypedResults.NoContent();
        }));
        sps.MapPost("/{id}/metadata-source/refresh", RefreshAsync);
        return sps;
    }

    private static Task<IResult> PutAsync(HttpContext context, ServiceProviderAdministration admin, TimeProvider time) =>
        AdminResults.ForServiceProviderAsync(context, async entityId =>
        {
            var (request, problem) = await RequestBody.ReadJsonAsync<MetadataSourceRequest>(context.Request);
            if (problem is not null)
            {
                return problem;
            }

            var (source, defect) = MetadataSourceRequestReader.Read(request!, time.GetUtcNow());
            if (defect is not null)
            {
                return defect;
            }

            var stored = await admin.SetMetadataSourceAsync(context, entityId, source, AuditActions.AdminActor);
            return TypedResults.Ok(MetadataSourceDocument.From(stored.MetadataSource!));
        });

    private static Task<IResult> RefreshAsync(HttpContext context, IGrainFactory grains, ServiceProviderAdministration admin) =>
        AdminResults.ForServiceProviderAsync(context, async entityId =>
        {
            var registration = await grains.Reference<IServiceProviderGrain>(entityId).GetAsync();
            if (registration is null)
            {
                return AdminProblems.UnknownSp();
            }

            if (registration.MetadataSource is not { } source)
            {
                return AdminProblems.Problem(StatusCodes.Status409Conflict, SourceMissing, "No metadata source", "Set a metadata source first.");
            }

            var stored = await admin.RefreshMetadataAsync(context, entityId, source, AuditActions.AdminActor, context.RequestAborted);
            return TypedResults.Ok(ServiceProviderDetails.From(stored));
        });
}
