using NemLogin.Gateway.Login;

namespace NemLogin.Gateway.Upstream;

/// <summary>Where upstream identity providers send the browser back: <c>/upstream/{name}/callback</c>.</summary>
internal static class UpstreamEndpoints
{
    public static RouteGroupBuilder MapUpstream(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/upstream");
        group.MapGet("/{name}/callback", (string name, LoginCoordinator coordinator, HttpContext context) =>
            coordinator.CompleteUpstreamAsync(context, name));
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
