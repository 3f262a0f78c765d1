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
}
