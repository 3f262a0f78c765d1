using NemLogin.Gateway.Audit;
using NemLogin.Gateway.Pages;
using NemLogin.Gateway.Saml;
using NemLogin.Gateway.ServiceProviders;
using NemLogin.Gateway.Sessions;
using NemLogin.Gateway.Upstream;
using NemLogin.Grains.Audit;
using NemLogin.Grains.Identities;
using NemLogin.Grains.LoginFlows;
using NemLogin.Grains.Sessions;

namespace NemLogin.Gateway.Login;

/// <summary>
/// Decides what a validated login request gets: single sign-on from the browser's session, NoPassive, or a trip to
/// the upstream identity provider; and resumes the request when the upstream sends the user back.
/// </summary>
internal sealed class LoginCoordinator(
    IGrainFactory grains,
    IEnumerable<IUpstreamIdentityProvider> upstreams,
    ServiceProviderCatalog catalog,
    SamlResponder responder,
    IssuedIds ids,
    BrowserSessions sessions,
    BrowserBinding binding,
    TimeProvider time,
    IAuditTrail audit,
    ILogger<LoginCoordinator> logger)
{
    private const string SamlProtocol = "saml";
    private const string DefaultUpstream = "mitid";

    /// <summary>
    /// With ForceAuthn the upstream must have authenticated after the flow began; its <c>auth_time</c> has whole seconds
    /// and its clock may trail ours a little, which this allows for — an earlier login is still refused.
    /// </summary>
    private static readonly TimeSpan ReauthenticationTolerance = TimeSpan.FromSeconds(10);

    public async Task<IResult> BeginAsync(HttpContext context, LoginDemand demand)
    {
        var sessionId = sessions.Read(context);
        // An SP whose policy disallows single sign-on gets a fresh login every time, like ForceAuthn (SAML Core 3.4.1).
        var freshLogin = demand.ForceAuthn || !demand.ServiceProvider.Registration.AllowSso;
        if (sessionId is not null && !freshLogin)
        {
            var session = await grains.GetGrain<ISessionGrain>(sessionId).GetAsync();
            if (session is not null && session.Loa >= demand.RequiredLoa)
            {
                return await responder.SendAssertionAsync(context, demand, session, "sso");
            }
        }

        // SAML Core 3.4.1: IsPassive forbids the IdP to take control of the user interface.
        if (demand.IsPassive)
        {
            return await responder.SendStatusAsync(context, demand, StatusAnswer.NoPassive);
        }

        var upstream = FindUpstream(DefaultUpstream);
        var flow = ids.New(IssuedIdPurpose.LoginFlow);
        var challenge = upstream.CreateChallenge(flow.Token, demand.RequiredLoa, freshLogin);
        await grains.GetGrain<ILoginFlowGrain>(flow.Key).StartAsync(new PendingLogin
        {
            Protocol = SamlProtocol,
            ServiceProviderId = demand.ServiceProvider.EntityId,
            RequestId = demand.RequestId,
            ResponseUrl = demand.ResponseUrl,
            RelayState = demand.RelayState,
            RequiredLoa = demand.RequiredLoa,
            ForceAuthn = demand.ForceAuthn,
            NameIdFormat = demand.NameIdFormat,
            Upstream = upstream.Name,
            UpstreamNonce = challenge.Nonce,
            UpstreamCodeVerifier = challenge.CodeVerifier,
            BrowserBinding = binding.Ensure(context),
            StartedAt = time.GetUtcNow(),
        });
        Log.LoginStarted(logger, demand.ServiceProvider.EntityId, SessionReference.For(flow.Key), upstream.Name, demand.RequiredLoa.ToString());
        HtmlPage.NoStore(context);
        return TypedResults.Redirect(challenge.RedirectUrl);
    }

    public async Task<IResult> CompleteUpstreamAsync(HttpContext context, string upstreamName)
    {
        // Only a state the broker issued names a flow: anything else is refused before a grain is activated.
        if (!ids.TryRead(IssuedIdPurpose.LoginFlow, context.Request.Query["state"].ToString(), out var flowId))
        {
            return Refuse(context, "flow.unknown", "This login has expired or was already completed. Start again from the service.");
        }

        // Login CSRF: taken only by the browser that started it (compare and take in the grain: another browser's
        // attempt leaves the flow to its own browser). Replayed callbacks find nothing: a flow is taken exactly once.
        var take = binding.Read(context) is { } browser
            ? await grains.GetGrain<ILoginFlowGrain>(flowId).TakeAsync(browser)
            : FlowTake.OtherBrowser;
        if (take.Outcome == FlowTakeOutcome.OtherBrowser)
        {
            return Refuse(context, "flow.browser-mismatch", "This login was started in another browser. Start again from the service.");
        }

        if (take.Pending is not { } pending)
        {
            return Refuse(context, "flow.unknown", "This login has expired or was already completed. Start again from the service.");
        }

        if (pending.Upstream != upstreamName)
        {
            return Refuse(context, "flow.upstream-mismatch", "The answer came from another identity provider than the login was sent to.");
        }

        var sp = await catalog.FindAsync(pending.ServiceProviderId);
        if (sp is null)
        {
            return Refuse(context, "flow.sp-gone", "The service you came from is no longer registered.");
        }

        var demand = new LoginDemand(sp, pending.RequestId, pending.ResponseUrl, pending.RelayState, pending.RequiredLoa, pending.ForceAuthn, false, pending.NameIdFormat);
        UpstreamAuthentication authentication;
        try
        {
            authentication = await FindUpstream(upstreamName).CompleteAsync(context, pending, context.RequestAborted);
        }
        catch (UpstreamException ex)
        {
            // The request was trusted when the login started and the flow belongs to this browser: whatever went wrong
            // upstream, the SP hears AuthnFailed at its registered ACS (SAML Core 3.2.2.2) rather than the person being
            // left on an error page of the broker.
            Log.UpstreamFailed(logger, SessionReference.For(flowId), ex.Code, ex);
            if (ex.Code == "upstream.cancelled")
            {
                return await responder.SendStatusAsync(context, demand, StatusAnswer.Cancelled);
            }

            audit.Record(context, new AuditEvent(AuditCategory.Login, AuditActions.UpstreamLogin, AuditOutcome.Failed)
            {
                ServiceProvider = sp.EntityId,
                Code = ex.Code,
                Detail = $"request {pending.RequestId}; upstream {upstreamName}",
            });
            return await responder.SendStatusAsync(context, demand, StatusAnswer.UpstreamFailed(ex.Code));
        }

        // SAML Core 3.4.1 ForceAuthn: an upstream that answered from an earlier login of its own did not re-authenticate.
        if (pending.ForceAuthn && authentication.AuthnInstant < pending.StartedAt - ReauthenticationTolerance)
        {
            Log.UpstreamFailed(logger, SessionReference.For(flowId), "upstream.reauthentication-missing", null);
            return await responder.SendStatusAsync(context, demand, StatusAnswer.UpstreamFailed("upstream.reauthentication-missing"));
        }

        if (authentication.Loa < pending.RequiredLoa)
        {
            // OIOSAML 3: a level the IdP cannot meet is answered NoAuthnContext; the session is not upgraded.
            return await responder.SendStatusAsync(context, demand, StatusAnswer.LevelNotReached);
        }

        var identityId = await grains.GetGrain<IUpstreamSubjectGrain>(UpstreamSubjectKey.For(authentication.Authority, authentication.Subject)).ResolveIdentityAsync();
        await grains.GetGrain<IIdentityGrain>(identityId).UpdateFromUpstreamAsync(authentication.Person);

        // No session fixation: every authentication starts a session under an id issued now; the browser's previous
        // session (only one the broker issued can be named here) ends, handing its participants over if it was this person's.
        var issued = sessions.IssueNew();
        var session = await grains.GetGrain<ISessionGrain>(issued.Key).StartAsync(
            new SessionAuthentication(identityId, authentication.Loa, authentication.AuthnInstant, authentication.Authority),
            sessions.Read(context));
        sessions.Use(context, issued);
        return await responder.SendAssertionAsync(context, demand, session, "login");
    }

    private IUpstreamIdentityProvider FindUpstream(string name) =>
        upstreams.FirstOrDefault(u => u.Name == name) ?? throw new InvalidOperationException($"No upstream identity provider named '{name}' is configured.");

    private IResult Refuse(HttpContext context, string code, string explanation)
    {
        Log.LoginFlowRefused(logger, code);
        audit.Record(context, new AuditEvent(AuditCategory.Refusal, AuditActions.LoginCallback, AuditOutcome.Refused) { Code = code });
        return ErrorPage.Show(context, StatusCodes.Status400BadRequest, code, "The login could not be completed", explanation);
    }
}
