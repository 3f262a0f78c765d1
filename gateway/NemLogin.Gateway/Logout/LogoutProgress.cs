using Microsoft.Extensions.Options;
using NemLogin.Gateway.Pages;
using NemLogin.Gateway.Saml;
using NemLogin.Gateway.ServiceProviders;
using NemLogin.Gateway.Sessions;
using NemLogin.Grains.Sessions;
using NemLogin.Grains;
using NemLogin.Saml;
using NemLogin.Grains.Errors;

namespace NemLogin.Gateway.Logout;

/// <summary>
/// The browser's side of a logout flow: the progress page, its status poll, and the finish that answers the initiator
/// (Success, or Success with the second-level PartialLogout when a participant failed or did not answer in time). Only
/// the browser holding the flow's cookie gets any of them.
/// </summary>
internal sealed class LogoutProgress(
    IGrainFactory grains,
    IssuedIds ids,
    ServiceProviderCatalog catalog,
    InitiatorResponder responder,
    LogoutAudit audit,
    IOptions<SingleLogoutOptions> options)
{
    public async Task<IResult> PageAsync(HttpContext context, string flowToken)
    {
        if (await FindAsync(context, flowToken) is not (_, { } flow))
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

        origins.AddRange(flow.Plan.FrontChannelFrames.Select(CspSource.ForOrigin));
        return LogoutPages.Progress(context, flowToken, flow, origins, options.Value.ParticipantTimeout);
    }

    public async Task<IResult> StatusAsync(HttpContext context, string flowToken)
    {
        HtmlPage.NoStore(context);
        return await FindAsync(context, flowToken) is (_, { } flow)
            ? TypedResults.Json(new LogoutStatus(flow.PendingCount, [.. flow.Targets.Select(t => t.Status.ToString())]))
            : TypedResults.NotFound();
    }

    public async Task<IResult> FinishAsync(HttpContext context, string flowToken)
    {
        if (await FindAsync(context, flowToken) is not ({ } flowKey, not null)
            || await grains.Reference<ILogoutFlowGrain>(flowKey).CompleteAsync() is not { } done)
        {
            return Unknown(context);
        }

        LogoutFlowCookie.Clear(context, flowToken);
        audit.Finished(context, done);
        if (done.Plan.Initiator is not { } initiator)
        {
            return LogoutStarter.Done(context, done.Plan.ReturnUrl, done);
        }

        // SAML Core 3.7.3.2: the initiator's own session ended either way; PartialLogout says not every participant confirmed.
        return done.AllLoggedOut
            ? await responder.AnswerAsync(context, initiator, SamlConstants.StatusCodes.Success, null, null)
            : await responder.AnswerAsync(
                context, initiator, SamlConstants.StatusCodes.Success, SamlConstants.StatusCodes.PartialLogout,
                "Not every session participant confirmed the logout.");
    }

    /// <summary>The flow's key and state, when the token is one the broker issued and this browser holds the flow's cookie.</summary>
    private async Task<(string? Key, LogoutFlowSnapshot? Flow)> FindAsync(HttpContext context, string flowToken) =>
        ids.TryRead(IssuedIdPurpose.LogoutFlow, flowToken, out var key)
        && await grains.Reference<ILogoutFlowGrain>(key).GetAsync() is { } flow
        && LogoutFlowCookie.Matches(context, flow.Plan.BrowserBinding)
            ? (key, flow)
            : (null, null);

    private static IResult Unknown(HttpContext context) =>
        ErrorPage.Show(context, StatusCodes.Status404NotFound, BrokerErrors.Name(BrokerError.LogoutUnknown), "This logout is over",
            "This logout has finished, expired, or was started in another browser. You are logged out of the broker.");
}
