using NemLogin.Grains.Sessions;
using NemLogin.Gateway.Sessions;
using NemLogin.Grains;

namespace NemLogin.Gateway.Logout;

/// <summary>
/// The broker's logout pages under <c>/logout</c>: the person's own logout (GET shows it, POST does it) and the pages of a
/// logout flow: progress, each participant's frame, the status poll and the finish.
/// </summary>
internal static class LogoutEndpoints
{
    public static RouteGroupBuilder MapLogout(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/logout");
        group.MapGet("/", async (HttpContext context, IGrainFactory grains, BrowserSessions sessions) =>
            LogoutPages.Start(context, sessions.Read(context) is { } id ? await grains.Reference<ISessionGrain>(id).GetAsync() : null));
        group.MapPost("/", (LogoutStarter starter, HttpContext context) => starter.AtBrokerAsync(context)).DisableAntiforgery();
        group.MapGet("/{flowId}", (string flowId, LogoutProgress progress, HttpContext context) => progress.PageAsync(context, flowId));
        group.MapGet("/{flowId}/status", (string flowId, LogoutProgress progress, HttpContext context) => progress.StatusAsync(context, flowId));
        group.MapGet("/{flowId}/finish", (string flowId, LogoutProgress progress, HttpContext context) => progress.FinishAsync(context, flowId));
        group.MapGet("/{flowId}/participants/{index:int}", (string flowId, int index, LogoutPropagation propagation, HttpContext context) =>
            propagation.NotifyAsync(context, flowId, index));
        return group;
    }
}
