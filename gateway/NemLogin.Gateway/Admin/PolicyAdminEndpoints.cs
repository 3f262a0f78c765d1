using NemLogin.Gateway.Audit;
using NemLogin.Gateway.ServiceProviders;
using NemLogin.Grains.ServiceProviders;
using NemLogin.Grains;

namespace NemLogin.Gateway.Admin;

/// <summary><c>/api/admin/service-providers/{id}/policy</c>: read and replace an SP's policy (JSON).</summary>
internal static class PolicyAdminEndpoints
{
    public static RouteGroupBuilder MapPolicyAdmin(this RouteGroupBuilder sps)
    {
        sps.MapGet("/{id}/policy", (HttpContext context, IGrainFactory grains) => AdminResults.ForServiceProviderAsync(context, async entityId =>
            await grains.Reference<IServiceProviderGrain>(entityId).GetAsync() is { } r
                ? TypedResults.Ok(PolicyDocument.From(ServiceProviderPolicy.Of(r)))
                : AdminProblems.UnknownSp()));
        sps.MapPut("/{id}/policy", PutAsync);
        return sps;
    }

    private static Task<IResult> PutAsync(HttpContext context, ServiceProviderAdministration admin) =>
        AdminResults.ForServiceProviderAsync(context, async entityId =>
        {
            var (document, problem) = await RequestBody.ReadJsonAsync<PolicyDocument>(context.Request);
            if (problem is not null)
            {
                return problem;
            }

            var (policy, defect) = PolicyDocumentReader.Read(document!);
            if (defect is not null)
            {
                return defect;
            }

            var stored = await admin.SetPolicyAsync(context, entityId, policy!, AuditActions.AdminActor);
            return TypedResults.Ok(PolicyDocument.From(ServiceProviderPolicy.Of(stored)));
        });
}
