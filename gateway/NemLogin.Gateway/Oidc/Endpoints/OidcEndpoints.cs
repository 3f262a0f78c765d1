namespace NemLogin.Gateway.Oidc.Endpoints;

/// <summary>The passthrough endpoints: OpenIddict validates each request first, these answer it.</summary>
internal static class OidcEndpoints
{
    private static readonly string[] GetOrPost = ["GET", "POST"];

    public static IEndpointRouteBuilder MapOidc(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(OidcPaths.Authorize, GetOrPost, (Delegate)((HttpContext context, AuthorizeEndpoint endpoint) => endpoint.HandleAsync(context)));
        endpoints.MapPost(OidcPaths.Token, (Delegate)((HttpContext context, TokenEndpoint endpoint) => endpoint.HandleAsync(context)));
        endpoints.MapMethods(OidcPaths.UserInfo, GetOrPost, (Delegate)((HttpContext context) => UserInfoEndpoint.HandleAsync(context)));
        endpoints.MapMethods(OidcPaths.EndSession, GetOrPost, (Delegate)((HttpContext context, EndSessionEndpoint endpoint) => endpoint.HandleAsync(context)));
        return endpoints;
    }
}
