using System.Collections.Immutable;
using NemLogin.Gateway.Pages;
using NemLogin.Gateway.Sessions;
using NemLogin.Grains.Sessions;
using NemLogin.Grains;
using NemLogin.Saml;
using NemLogin.Saml.Messages;

namespace NemLogin.Gateway.Logout;

/// <summary>
/// Ends a session and sets the single logout going: from a service provider's validated LogoutRequest, or from the person
/// at the broker's logout page. Participants to tell go into a logout flow the browser then walks; with none, the answer is
/// immediate.
/// </summary>
internal sealed class LogoutStarter(
    IGrainFactory grains,
    SessionLocator locator,
    InitiatorResponder responder,
    IssuedIds ids,
    BrowserSessions sessions,
    LogoutAudit audit,
    Oidc.Logout.BackChannelLogout backChannel,
    Oidc.Logout.FrontChannelLogout frontChannel)
{
    public async Task<IResult> FromServiceProviderAsync(HttpContext context, LogoutRequest request, LogoutInitiator initiator)
    {
        var located = await locator.FindAsync(context, initiator.ServiceProviderId, request);
        if (located is null)
        {
            // Nothing left to end: the outcome the SP asked for already holds.
            audit.NoSession(context, initiator.ServiceProviderId);
            return await responder.AnswerAsync(context, initiator, SamlConstants.StatusCodes.Success, null, null);
        }

        // SAML Core 3.7.3.1: the NameID must be the one this SP received in the session; anything else names another principal.
        if (!string.Equals(located.Participant.NameId, request.NameId, StringComparison.Ordinal))
        {
            audit.PrincipalMismatch(context, initiator.ServiceProviderId, located.Session.IdentityId);
            return await responder.AnswerAsync(
                context, initiator, SamlConstants.StatusCodes.Requester, SamlConstants.StatusCodes.UnknownPrincipal, "The NameID does not name this session's principal.");
        }

        var ended = await grains.Reference<ISessionGrain>(located.Session.SessionId).EndAsync() ?? located.Session;

        // OpenID Connect clients of the session hear it server to server (no browser sees their sub or sid).
        await backChannel.NotifyAsync(ended, context.RequestAborted);
        ImmutableArray<LogoutTarget> others =
        [
            .. ended.Participants
                .Where(p => p.Protocol == ParticipantProtocol.Saml)
                .Where(p => !string.Equals(p.ServiceProviderId, initiator.ServiceProviderId, StringComparison.Ordinal))
                .Select(LogoutTarget.From),
        ];

        if (!string.Equals(sessions.Read(context), located.Session.SessionId, StringComparison.Ordinal))
        {
            // Found by SessionIndex from a browser that does not hold the session (privacy across SPs): the session ends,
            // but this browser is never shown the other participants nor carries their NameIDs; they are not told, so the
            // initiator hears PartialLogout (SAML Core 3.7.3.2).
            audit.EndedFromOtherBrowser(context, ended.IdentityId, initiator.ServiceProviderId, others.Length);
            return others.IsEmpty
                ? await responder.AnswerAsync(context, initiator, SamlConstants.StatusCodes.Success, null, null)
                : await responder.AnswerAsync(
                    context, initiator, SamlConstants.StatusCodes.Success, SamlConstants.StatusCodes.PartialLogout,
                    "The session ended; its other participants could not be told from this browser.");
        }

        sessions.Clear(context);
        return await StartAsync(context, ended.IdentityId, initiator, null, null, others, await frontChannel.FramesAsync(ended));
    }

    /// <summary>The person's own logout at the broker's logout page.</summary>
    public Task<IResult> AtBrokerAsync(HttpContext context) => EndBrowserSessionAsync(context, null, null);

    /// <summary>
    /// An OpenID Connect client's RP-initiated logout: the browser's session ends, its OIDC clients hear it over the back
    /// channel, its SAML participants get LogoutRequests through the browser like any single logout, and the browser then
    /// goes to <paramref name="returnUrl"/> (the client's validated post-logout redirect, or the result page when null).
    /// </summary>
    public Task<IResult> FromOidcClientAsync(HttpContext context, string? clientId, string? returnUrl) =>
        EndBrowserSessionAsync(context, clientId, returnUrl);

    private async Task<IResult> EndBrowserSessionAsync(HttpContext context, string? clientId, string? returnUrl)
    {
        var ended = sessions.Read(context) is { } sessionId ? await grains.Reference<ISessionGrain>(sessionId).EndAsync() : null;
        sessions.Clear(context);
        if (ended is null)
        {
            return Done(context, returnUrl);
        }

        await backChannel.NotifyAsync(ended, context.RequestAborted);
        ImmutableArray<LogoutTarget> targets = [.. ended.Participants.Where(p => p.Protocol == ParticipantProtocol.Saml).Select(LogoutTarget.From)];
        return await StartAsync(context, ended.IdentityId, null, clientId, returnUrl, targets, await frontChannel.FramesAsync(ended));
    }

    private async Task<IResult> StartAsync(
        HttpContext context,
        Guid identityId,
        LogoutInitiator? initiator,
        string? clientId,
        string? returnUrl,
        ImmutableArray<LogoutTarget> targets,
        ImmutableArray<string> frontChannelFrames)
    {
        var initiatorId = initiator?.ServiceProviderId ?? clientId;
        if (targets.IsEmpty && frontChannelFrames.IsEmpty)
        {
            audit.SessionEnded(context, identityId, initiatorId, 0, null);
            return initiator is null
                ? Done(context, returnUrl)
                : await responder.AnswerAsync(context, initiator, SamlConstants.StatusCodes.Success, null, null);
        }

        var flow = ids.New(IssuedIdPurpose.LogoutFlow);
        var binding = LogoutFlowCookie.Issue(context, flow.Token);
        await grains.Reference<ILogoutFlowGrain>(flow.Key).StartAsync(new LogoutPlan
        {
            BrowserBinding = binding,
            IdentityId = identityId,
            Initiator = initiator,
            Targets = targets,
            ReturnUrl = returnUrl,
            FrontChannelFrames = frontChannelFrames,
        });
        audit.SessionEnded(context, identityId, initiatorId, targets.Length, SessionReference.For(flow.Key));
        HtmlPage.NoStore(context);
        return TypedResults.Redirect("/logout/" + flow.Token);
    }

    /// <summary>A logout with nobody (left) to tell through the browser: back to the OIDC client, or the result page.</summary>
    internal static IResult Done(HttpContext context, string? returnUrl, LogoutFlowSnapshot? flow = null)
    {
        if (returnUrl is null)
        {
            return LogoutPages.LoggedOut(context, flow);
        }

        HtmlPage.NoStore(context);
        return TypedResults.Redirect(returnUrl);
    }
}
