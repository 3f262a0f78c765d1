using Microsoft.Extensions.Options;
using NemLogin.Gateway.Pages;
using NemLogin.Gateway.Saml;
using NemLogin.Gateway.ServiceProviders;
using NemLogin.Grains.Sessions;
using NemLogin.Saml;

namespace NemLogin.Gateway.Logout;

/// <summary>
/// The browser's side of a logout flow: the progress page, its status poll, and the finish that answers the initiator
/// (Success, or Success with the second-level PartialLogout when a participant failed or did not answer in time). Only
/// the browser holding the flow's cookie gets any of them.
/// </summary>
internal sealed class LogoutProgress(
    IGrainFactory grains,
    ServiceProviderCatalog catalog,
    InitiatorResponder responder,
    LogoutAudit audit,
    IOptions<SingleLogoutOptions> options)
{
    public async Task<IResult> PageAsync(HttpContext context, string flowId)
    {
        if (await FindAsync(context, flowId) is not { } flow)
        {
            return Unknown(context);
        }

        var origins = new List<string>();
        foreach (var target in flow.Targets.Where(t => t.Status == LogoutTargetStatus.Pending))
        {
            if (await catalog.FindAsync(target.ServiceProviderId) is { } sp && SloEndpointSelector.ForRequests(sp.Registration) is { } endpoint)
            {
                origins.Add(endpoint.Origin);
            }
        }

        return LogoutPages.Progress(context, flow, origins, options.Value.ParticipantTimeout);
    }

    public async Task<IResult> StatusAsync(HttpContext context, string flowId)
    {
        HtmlPage.NoStore(context);
        return await FindAsync(context, flowId) is { } flow
            ? TypedResults.Json(new LogoutStatus(flow.PendingCount, [.. flow.Targets.Select(t => t.Status.ToString())]))
            : TypedResults.NotFound();
    }

    public async Task<IResult> FinishAsync(HttpContext context, string flowId)
    {
        if (await FindAsync(context, flowId) is null || await grains.GetGrain<ILogoutFlowGrain>(flowId).CompleteAsync() is not { } done)
        {
            return Unknown(context);
        }

        LogoutFlowCookie.Clear(context, flowId);
        audit.Finished(context, done);
        if (done.Plan.Initiator is not { } initiator)
        {
            return LogoutPages.LoggedOut(context, done);
        }

        // SAML Core 3.7.3.2: the initiator's own session ended either way; PartialLogout says not every participant confirmed.
        return done.AllLoggedOut
            ? await responder.AnswerAsync(context, initiator, SamlConstants.StatusCodes.Success, null, null)
            : await responder.AnswerAsync(
                context, initiator, SamlConstants.StatusCodes.Success, SamlConstants.StatusCodes.PartialLogout,
                "Not every session participant confirmed the logout.");
    }

    private async Task<LogoutFlowSnapshot?> FindAsync(HttpContext context, string flowId) =>
        LogoutFlowId.IsValid(flowId)
        && await grains.GetGrain<ILogoutFlowGrain>(flowId).GetAsync() is { } flow
        && LogoutFlowCookie.Matches(context, flow.Plan.BrowserBinding)
            ? flow
            : null;

    private static IResult Unknown(HttpContext context) =>
        ErrorPage.Show(context, StatusCodes.Status404NotFound, "logout.unknown", "This logout is over",
            "This logout has finished, expired, or was started in another browser. You are logged out of the broker.");
}
