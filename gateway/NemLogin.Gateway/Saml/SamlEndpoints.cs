namespace NemLogin.Gateway.Saml;

/// <summary>The SAML 2.0 identity provider under <c>/saml</c>.</summary>
internal static class SamlEndpoints
{
    public static RouteGroupBuilder MapSaml(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/saml");
        group.MapGet("/metadata", async (IdpMetadataService metadata, HttpContext context) =>
            TypedResults.Content(await metadata.GetAsync(context.RequestAborted), "application/samlmetadata+xml; charset=utf-8"));
        group.MapGet("/sso", (SsoEndpoint sso, HttpContext context) => sso.HandleRedirectAsync(context));
        group.MapPost("/sso", (SsoEndpoint sso, HttpContext context) => sso.HandlePostAsync(context)).DisableAntiforgery();
        group.MapGet("/slo", (SloEndpoint slo, HttpContext context) => slo.HandleRedirectAsync(context));
        group.MapPost("/slo", (SloEndpoint slo, HttpContext context) => slo.HandlePostAsync(context)).DisableAntiforgery();
        return group;
    }
}
