namespace NemLogin.Gateway.Admin;

/// <summary>The administration API under <c>/api/admin</c>, every endpoint behind <see cref="AdminAuthorizationFilter"/>.</summary>
internal static class AdminEndpoints
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/api/admin").AddEndpointFilter<AdminAuthorizationFilter>();
        admin.MapServiceProviderAdmin().MapPolicyAdmin().MapMetadataSourceAdmin();
        admin.MapOidcClientAdmin();
        admin.MapOrganisationAdmin().MapPrivilegeAdmin().MapOrganisationIdpAdmin().MapMandateAdmin();
        admin.MapAuditAdmin();
        return admin;
    }
}
