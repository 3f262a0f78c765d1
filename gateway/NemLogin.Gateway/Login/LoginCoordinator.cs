using System.Buffers.Text;
using System.Security.Cryptography;
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
    IAuditTrail audit,
    ILogger<LoginCoordinator> logger)
{
    private const string SamlProtocol = "saml";
    private const string DefaultUpstream = "mitid";

    public async Task<IResult> BeginAsync(HttpContext context, LoginDemand demand)
    {
        var sessionId = BrowserSession.Read(context);
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
        var flowId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var challenge = upstream.CreateChallenge(flowId, demand.RequiredLoa, freshLogin);
        await grains.GetGrain<ILoginFlowGrain>(flowId).StartAsync(new PendingLogin
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
            BrowserSessionId = sessionId ?? BrowserSession.Issue(context),
        });
        Log.LoginStarted(logger, demand.ServiceProvider.EntityId, flowId, upstream.Name, demand.RequiredLoa.ToString());
        HtmlPage.NoStore(context);
        return TypedResults.Redirect(challenge.RedirectUrl);
    }

    public async Task<IResult> CompleteUpstreamAsync(HttpContext context, string upstreamName)
    {
        var flowId = context.Request.Query["state"].ToString();
        if (flowId.Length is 0 or > 64)
        {
            return Refuse(context, "flow.state-missing", "The answer from the identity provider did not name a login.");
        }

        // Taken exactly once: a replayed callback finds nothing.
        var pending = await grains.GetGrain<ILoginFlowGrain>(flowId).CompleteAsync();
        if (pending is null)
        {
            return Refuse(context, "flow.unknown", "This login has expired or was already completed. Start again from the service.");
        }

        // The flow belongs to the browser that started it (login CSRF: someone else's callback in this browser).
        if (BrowserSession.Read(context) != pending.BrowserSessionId || pending.Upstream != upstreamName)
        {
            return Refuse(context, "flow.browser-mismatch", "This login was started in another browser session. Start again from the service.");
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
            Log.UpstreamFailed(logger, flowId, ex.Code, ex);
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

        if (authentication.Loa < pending.RequiredLoa)
        {
            // OIOSAML 3: a level the IdP cannot meet is answered NoAuthnContext; the session is not upgraded.
            return await responder.SendStatusAsync(context, demand, StatusAnswer.LevelNotReached);
        }

        var identityId = await grains.GetGrain<IUpstreamSubjectGrain>(UpstreamSubjectKey.For(authentication.Authority, authentication.Subject)).ResolveIdentityAsync();
        await grains.GetGrain<IIdentityGrain>(identityId).UpdateFromUpstreamAsync(authentication.Person);
        var session = await grains.GetGrain<ISessionGrain>(pending.BrowserSessionId).AuthenticateAsync(
            new SessionAuthentication(identityId, authentication.Loa, authentication.AuthnInstant, authentication.Authority));
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
