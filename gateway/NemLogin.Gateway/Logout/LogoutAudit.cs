using NemLogin.Gateway.Audit;
using NemLogin.Gateway.Sessions;
using NemLogin.Grains.Audit;
using NemLogin.Grains.Sessions;
using NemLogin.Saml;
using NemLogin.Grains.Errors;

namespace NemLogin.Gateway.Logout;

/// <summary>
/// Where single logout reports what it did and what it refused: one log line and one audit record per event, naming
/// service providers, identities and flows by id only.
/// </summary>
internal sealed class LogoutAudit(IAuditTrail trail, ILogger<LogoutAudit> logger)
{
    public void Refused(HttpContext context, string action, SamlErrorCode code, string? serviceProvider, string reason)
    {
        var stableCode = code.StableName();
        Log.LogoutMessageRefused(logger, stableCode, serviceProvider, reason);
        trail.Record(context, new AuditEvent(AuditCategory.Refusal, action, AuditOutcome.Refused)
        {
            // The issuer as the message claimed it: an unknown or forged one is what an auditor wants to see.
            Actor = serviceProvider,
            ServiceProvider = serviceProvider,
            Code = stableCode,
        });
    }

    public void NoSession(HttpContext context, string serviceProvider)
    {
        Log.LogoutFoundNoSession(logger, serviceProvider);
        trail.Record(context, new AuditEvent(AuditCategory.Logout, AuditActions.LogoutRequest, AuditOutcome.Success)
        {
            Actor = serviceProvider,
            ServiceProvider = serviceProvider,
            Detail = "no live session; answered Success",
        });
    }

    public void PrincipalMismatch(HttpContext context, string serviceProvider, Guid identityId)
    {
        Log.LogoutPrincipalMismatch(logger, serviceProvider);
        trail.Record(context, new AuditEvent(AuditCategory.Refusal, AuditActions.LogoutRequest, AuditOutcome.Refused)
        {
            Actor = serviceProvider,
            ServiceProvider = serviceProvider,
            IdentityId = identityId,
            Code = SamlErrorCode.NameIdMismatch.StableName(),
        });
    }

    public void SessionEnded(HttpContext context, Guid identityId, string? initiator, int targets, string? flowId)
    {
        Log.LogoutStarted(logger, identityId, initiator ?? "the person at the broker", targets, flowId);
        trail.Record(context, new AuditEvent(AuditCategory.Logout, initiator is null ? AuditActions.LogoutAtBroker : AuditActions.LogoutRequest, AuditOutcome.Success)
        {
            Actor = initiator ?? identityId.ToString(),
            ServiceProvider = initiator,
            IdentityId = identityId,
            Detail = flowId is null ? "session ended; no other participant" : $"session ended; flow {flowId}; {targets} other participants to tell",
        });
    }

    public void EndedFromOtherBrowser(HttpContext context, Guid identityId, string initiator, int untold)
    {
        Log.LogoutFromOtherBrowser(logger, identityId, initiator, untold);
        trail.Record(context, new AuditEvent(AuditCategory.Logout, AuditActions.LogoutRequest, AuditOutcome.Success)
        {
            Actor = initiator,
            ServiceProvider = initiator,
            IdentityId = identityId,
            Code = BrokerErrors.Name(BrokerError.LogoutFromOtherBrowser),
            Detail = untold == 0 ? "session ended from a browser without it" : $"session ended from a browser without it; {untold} other participants not told; PartialLogout",
        });
    }

    public void Answered(HttpContext context, string flowId, string serviceProvider, LogoutTargetStatus status)
    {
        Log.LogoutParticipantAnswered(logger, flowId, serviceProvider, status.ToString());
        trail.Record(context, new AuditEvent(
            AuditCategory.Logout, AuditActions.LogoutResponse, status == LogoutTargetStatus.LoggedOut ? AuditOutcome.Success : AuditOutcome.Failed)
        {
            Actor = serviceProvider,
            ServiceProvider = serviceProvider,
            Detail = $"flow {flowId}; {status}",
        });
    }

    public void Finished(HttpContext context, LogoutFlowSnapshot flow)
    {
        var loggedOut = flow.Targets.Count(t => t.Status == LogoutTargetStatus.LoggedOut);
        var reference = SessionReference.For(flow.FlowId);
        Log.LogoutFinished(logger, reference, flow.Plan.IdentityId, loggedOut, flow.Targets.Length);
        trail.Record(context, new AuditEvent(AuditCategory.Logout, AuditActions.LogoutFinished, flow.AllLoggedOut ? AuditOutcome.Success : AuditOutcome.Failed)
        {
            Actor = flow.Plan.IdentityId.ToString(),
            ServiceProvider = flow.Plan.Initiator?.ServiceProviderId,
            IdentityId = flow.Plan.IdentityId,
            Detail = $"flow {reference}; {loggedOut} of {flow.Targets.Length} participants confirmed"
                + (flow.AllLoggedOut ? string.Empty : "; PartialLogout"),
        });
    }
}
