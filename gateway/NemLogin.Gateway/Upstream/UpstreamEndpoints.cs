using NemLogin.Gateway.Login;
using NemLogin.Gateway.Upstream.Organisations;

namespace NemLogin.Gateway.Upstream;

/// <summary>
/// Where upstream identity providers send the browser back: <c>/upstream/{name}/callback</c> (OIDC, GET) and
/// <c>/upstream/org/acs</c> (organisations' SAML IdPs, HTTP-POST); the broker's SP metadata toward those IdPs at
/// <c>/upstream/org/metadata</c>; and the upstream choice page's answer at <c>/login/upstream</c> (the page itself again, in the chosen language, at
/// <c>/login/upstream/{flow}</c>).
/// </summary>
internal static class UpstreamEndpoints
{
    public static RouteGroupBuilder MapUpstream(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/upstream");
        group.MapGet("/{name}/callback", (string name, LoginCoordinator coordinator, HttpContext context) =>
            coordinator.CompleteUpstreamAsync(context, name));
        group.MapPost("/org/acs", (LoginCoordinator coordinator, HttpContext context) =>
            coordinator.CompleteUpstreamAsync(context, OrganisationIdpUpstream.ProviderName)).DisableAntiforgery();
        group.MapGet("/org/metadata", async (OrganisationIdpServiceProvider sp, HttpContext context) =>
            TypedResults.Text(await sp.MetadataAsync(context.RequestAborted), "application/samlmetadata+xml"));
        endpoints.MapPost(UpstreamChoicePage.ActionPath, (LoginCoordinator coordinator, HttpContext context) =>
            coordinator.ContinueFromChoiceAsync(context)).DisableAntiforgery();
        endpoints.MapGet(UpstreamChoicePage.ActionPath + "/{flow}", (string flow, LoginCoordinator coordinator, HttpContext context) =>
            coordinator.ShowChoiceAsync(context, flow));
        return group;
    }

    /// <summary>The login page's question of whom to act as: <c>/login/act-as/{flow}</c>, shown and answered.</summary>
    public static RouteGroupBuilder MapLoginPages(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/login");
        group.MapGet("/act-as/{flow}", (string flow, LoginCoordinator coordinator, HttpContext context) => coordinator.ShowActingAsAsync(context, flow));
        group.MapPost("/act-as/{flow}", (string flow, LoginCoordinator coordinator, HttpContext context) => coordinator.ChooseActingAsAsync(context, flow))
            .DisableAntiforgery();
        return group;
    }
}
