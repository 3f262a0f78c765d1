using NemLogin.Gateway.Saml;
using NemLogin.Gateway.ServiceProviders;
using NemLogin.Gateway.Sessions;
using NemLogin.Grains.Sessions;
using NemLogin.Grains;
using NemLogin.Saml.Messages;

namespace NemLogin.Gateway.Logout;

/// <summary>
/// Tells one participant, inside its frame on the progress page: a signed LogoutRequest with the NameID and SessionIndex the
/// SP received, to the first SLO endpoint it registered. An SP that can no longer be told counts as failed at once.
/// </summary>
internal sealed class LogoutPropagation(
    IGrainFactory grains,
    IssuedIds ids,
    ServiceProviderCatalog catalog,
    SloMessenger messenger,
    IdentityProviderInfo idp,
    LogoutAudit audit,
    TimeProvider time)
{
    private const string UserReason = "urn:oasis:names:tc:SAML:2.0:logout:user";

    // Long enough for a slow browser to deliver the request, short enough that a captured one soon means nothing.
    private static readonly TimeSpan RequestLifetime = TimeSpan.FromMinutes(5);

    public async Task<IResult> NotifyAsync(HttpContext context, string flowToken, int index)
    {
        if (!ids.TryRead(IssuedIdPurpose.LogoutFlow, flowToken, out var flowKey))
        {
            return LogoutPages.Framed(context, "This logout is over.");
        }

        var flowGrain = grains.Reference<ILogoutFlowGrain>(flowKey);
        if (await flowGrain.GetAsync() is not { } flow
            || !LogoutFlowCookie.Matches(context, flow.Plan.BrowserBinding)
            || index < 0 || index >= flow.Targets.Length)
        {
            return LogoutPages.Framed(context, "This logout is over.");
        }

        var target = flow.Targets[index];
        if (target.Status != LogoutTargetStatus.Pending)
        {
            return LogoutPages.Framed(context, "This service has answered.");
        }

        var sp = await catalog.FindAsync(target.ServiceProviderId);
        if (sp is null || SloEndpointSelector.ForRequests(sp.Registration) is not { } endpoint)
        {
            await flowGrain.RecordAnswerAsync(index, target.ServiceProviderId, LogoutTargetStatus.Failed);
            audit.Answered(context, SessionReference.For(flowKey), target.ServiceProviderId, LogoutTargetStatus.Failed);
            return LogoutPages.Framed(context, "This service cannot be told of the logout.");
        }

        var now = time.GetUtcNow();
        var request = new LogoutRequest
        {
            Id = LogoutRequestIds.For(flowToken, index),
            IssueInstant = now,
            Destination = endpoint.Url,
            Issuer = idp.EntityId,
            NotOnOrAfter = now + RequestLifetime,
            Reason = UserReason,
            NameId = target.NameId,
            NameIdFormat = target.NameIdFormat,
            SessionIndexes = [target.SessionIndex],
        };
        return await messenger.SendRequestAsync(context, endpoint, request, framed: true);
    }
}
