using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using NemLogin.Gateway.Audit;
using NemLogin.Gateway.Pages;
using NemLogin.Gateway.Saml;
using NemLogin.Gateway.ServiceProviders;
using NemLogin.Gateway.Sessions;
using NemLogin.Gateway.Upstream;
using NemLogin.Gateway.Upstream.Organisations;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.Audit;
using NemLogin.Grains.Identities;
using NemLogin.Grains.LoginFlows;
using NemLogin.Grains.Sessions;
using NemLogin.Grains.Errors;
using NemLogin.Grains;

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

    /// <summary>A flow that returns the browser to a path of the broker (another protocol's front end) when done.</summary>
    private const string ReturnProtocol = "return";
    private const string DefaultUpstream = "mitid";

    /// <summary>The step of a flow that waits at the login page for the person's choice of whom to act as.</summary>
    private const string ActingAsStep = "act-as";

    /// <summary>The longest <c>login_hint</c> passed on (an e-mail address at most; anything longer is dropped).</summary>
    private const int MaxLoginHintLength = 254;

    /// <summary>The return path's parameter carrying the identity the person chose to act as.</summary>
    public const string ActingAsParameter = "nl_acting";

    /// <summary>A flow waiting on the upstream choice page: no upstream has been asked yet.</summary>
    private const string ChoiceUpstream = "choice";

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
            if (responder.EncryptionProblem(demand.ServiceProvider) is { } problem)
            {
                // Nothing can be encrypted for this SP: it hears so at its ACS, and the session does not record it as a
                // participant of an assertion it never received.
                return await responder.SendStatusAsync(context, demand, problem);
            }

            // One session call: the grain decides whether the session serves this SP (live, level) and makes it a participant.
            var sso = await grains.Reference<ISessionGrain>(sessionId).AssertAsync(SamlResponder.AssertionRequestFor(demand));
            if (sso.Outcome is SessionAssertionOutcome.Asserted or SessionAssertionOutcome.ChoiceNeeded or SessionAssertionOutcome.NoFittingIdentity)
            {
                // The session's person answers: asserted, asked whom to act as, or (Professional) told there is no business
                // identity; another login would authenticate the same person again.
                return await AnswerAsync(context, demand, sso, "sso");
            }
        }

        // SAML Core 3.4.1: IsPassive forbids the IdP to take control of the user interface.
        if (demand.IsPassive)
        {
            return await responder.SendStatusAsync(context, demand, StatusAnswer.NoPassive);
        }

        var pending = PendingFor(demand);

        // An employee may log in through the organisation's own IdP: offered only when the SP asked for the Professional
        // profile and some organisation has registered one; otherwise straight to MitID as always.
        return demand.Profile == EidProfile.Professional && await OrganisationIdpLookup.AnyAsync(grains)
            ? await OfferChoiceAsync(context, pending, notFound: false)
            : await GoUpstreamAsync(context, freshLogin, pending);
    }

    /// <summary>
    /// The choice page's answer (<see cref="UpstreamChoicePage.ActionPath"/>): takes the waiting flow (this browser's only)
    /// and continues it upstream, to MitID or to the organisation IdP found by e-mail domain or CVR. Nothing found: the
    /// page again, under a new flow.
    /// </summary>
    public async Task<IResult> ContinueFromChoiceAsync(HttpContext context)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        if (!ids.TryRead(IssuedIdPurpose.LoginFlow, form?["flow"].ToString(), out var flowId))
        {
            return Refuse(context, BrokerErrors.Name(BrokerError.FlowUnknown), "This login has expired or was already completed. Start again from the service.");
        }

        var take = binding.Read(context) is { } browser ? await grains.Reference<ILoginFlowGrain>(flowId).TakeAsync(browser) : FlowTake.OtherBrowser;
        if (take.Outcome == FlowTakeOutcome.OtherBrowser)
        {
            return Refuse(context, BrokerErrors.Name(BrokerError.FlowBrowserMismatch), "This login was started in another browser. Start again from the service.");
        }

        if (take.Pending is not { } pending || pending.Upstream != ChoiceUpstream)
        {
            return Refuse(context, BrokerErrors.Name(BrokerError.FlowUnknown), "This login has expired or was already completed. Start again from the service.");
        }

        var promptLogin = pending.ForceAuthn || (await catalog.FindAsync(pending.ServiceProviderId))?.Registration.AllowSso == false;
        if (form!["choice"].ToString() != "organisation")
        {
            return await GoUpstreamAsync(context, promptLogin, pending with { Upstream = DefaultUpstream });
        }

        return await OrganisationIdpLookup.FindCvrAsync(grains, form["organisation"].ToString()) is { } cvr
            ? await GoUpstreamAsync(context, promptLogin, pending with { Upstream = OrganisationIdpUpstream.KeyFor(cvr) })
            : await OfferChoiceAsync(context, pending, notFound: true);
    }

    /// <summary>Keeps <paramref name="pending"/> in a new flow waiting for the person's choice of upstream, and shows the choice.</summary>
    private async Task<IResult> OfferChoiceAsync(HttpContext context, PendingLogin pending, bool notFound)
    {
        var flow = ids.New(IssuedIdPurpose.LoginFlow);
        await grains.Reference<ILoginFlowGrain>(flow.Key).StartAsync(pending with
        {
            Upstream = ChoiceUpstream,
            BrowserBinding = binding.Ensure(context),
            StartedAt = pending.StartedAt == default ? time.GetUtcNow() : pending.StartedAt,
        });
        return UpstreamChoicePage.Show(context, flow.Token, notFound);
    }

    /// <summary>The SAML request as a login flow keeps it while the person is away (upstream, or at the login page).</summary>
    private static PendingLogin PendingFor(LoginDemand demand) => new()
    {
        Protocol = SamlProtocol,
        ServiceProviderId = demand.ServiceProvider.EntityId,
        RequestId = demand.RequestId,
        ResponseUrl = demand.ResponseUrl,
        RelayState = demand.RelayState,
        RequiredLoa = demand.RequiredLoa,
        ForceAuthn = demand.ForceAuthn,
        NameIdFormat = demand.NameIdFormat,
        Profile = demand.Profile,
        Upstream = DefaultUpstream,
        BrowserBinding = string.Empty,
    };

    private static LoginDemand DemandFor(RegisteredServiceProvider sp, PendingLogin pending) =>
        new(sp, pending.RequestId, pending.ResponseUrl, pending.RelayState, pending.RequiredLoa, pending.ForceAuthn, false, pending.NameIdFormat, pending.Profile);

    /// <summary>The session's answer to a SAML SP, in SAML: the assertion, the login page's question, or a status.</summary>
    private async Task<IResult> AnswerAsync(HttpContext context, LoginDemand demand, SessionAssertion asserted, string kind) => asserted.Outcome switch
    {
        SessionAssertionOutcome.Asserted => await responder.SendAssertionAsync(context, demand, asserted, kind),
        SessionAssertionOutcome.ChoiceNeeded => await AskActingAsAsync(context, PendingFor(demand), asserted.Choices),
        SessionAssertionOutcome.NoFittingIdentity => await responder.SendStatusAsync(context, demand, StatusAnswer.NoBusinessIdentity),
        // After a login: the level the person (or the business identity) reached is below what the SP requires.
        _ => await responder.SendStatusAsync(context, demand, StatusAnswer.LevelNotReached),
    };

    /// <summary>
    /// Asks the person whom to act as: the request waits in a login flow bound to this browser (a token the broker issued,
    /// a page that only this browser's binding opens), and the answer resumes it.
    /// </summary>
    public async Task<IResult> AskActingAsAsync(HttpContext context, PendingLogin pending, ImmutableArray<ActingChoice> choices)
    {
        var flow = ids.New(IssuedIdPurpose.LoginFlow);
        await grains.Reference<ILoginFlowGrain>(flow.Key).StartAsync(pending with
        {
            Upstream = ActingAsStep,
            Choices = choices,
            BrowserBinding = binding.Ensure(context),
            StartedAt = time.GetUtcNow(),
        });
        HtmlPage.NoStore(context);
        return TypedResults.Redirect("/login/act-as/" + flow.Token);
    }

    /// <summary>The same question for a party that is not a SAML SP: the answer goes back to <paramref name="returnPath"/>.</summary>
    public Task<IResult> AskActingAsForReturnAsync(HttpContext context, string partyId, string returnPath, ImmutableArray<ActingChoice> choices) =>
        AskActingAsAsync(context, ReturnPending(partyId, LevelOfAssurance.None, forceAuthn: false, returnPath), choices);

    /// <summary>The question's page, for the browser the flow is bound to.</summary>
    public async Task<IResult> ShowActingAsAsync(HttpContext context, string flowToken) =>
        await FindChoiceAsync(context, flowToken) is { } pending
            ? ActingAsPage.Show(context, flowToken, pending.Choices)
            : Refuse(context, BrokerErrors.Name(BrokerError.FlowUnknown), "This login has expired or was already completed. Start again from the service.");

    /// <summary>
    /// The person's answer: one of the identities offered (else the question again), taken once by the browser that was
    /// asked; the party's request is then answered as that identity (the session checks the choice once more).
    /// </summary>
    public async Task<IResult> ChooseActingAsAsync(HttpContext context, string flowToken)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (await FindChoiceAsync(context, flowToken) is not { } offered || !ids.TryRead(IssuedIdPurpose.LoginFlow, flowToken, out var flowId))
        {
            return Refuse(context, BrokerErrors.Name(BrokerError.FlowUnknown), "This login has expired or was already completed. Start again from the service.");
        }

        if (!Guid.TryParse(form[ActingAsPage.ChoiceField].ToString(), out var chosen) || !offered.Choices.Any(c => c.Id == chosen))
        {
            return ActingAsPage.Show(context, flowToken, offered.Choices, unknownChoice: true);
        }

        if ((await grains.Reference<ILoginFlowGrain>(flowId).TakeAsync(binding.Read(context)!)).Pending is not { } pending)
        {
            return Refuse(context, BrokerErrors.Name(BrokerError.FlowUnknown), "This login has expired or was already completed. Start again from the service.");
        }

        if (pending.Protocol == ReturnProtocol)
        {
            HtmlPage.NoStore(context);
            return TypedResults.Redirect(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(pending.ResponseUrl, ActingAsParameter, chosen.ToString()));
        }

        if (await catalog.FindAsync(pending.ServiceProviderId) is not { } sp)
        {
            return Refuse(context, BrokerErrors.Name(BrokerError.FlowServiceProviderGone), "The service you came from is no longer registered.");
        }

        var demand = DemandFor(sp, pending);
        var asserted = sessions.Read(context) is { } sessionId
            ? await grains.Reference<ISessionGrain>(sessionId).AssertAsync(SamlResponder.AssertionRequestFor(demand) with { ActingAs = chosen })
            : SessionAssertion.NoSession;
        return asserted.Outcome == SessionAssertionOutcome.NoSession
            ? Refuse(context, BrokerErrors.Name(BrokerError.SessionNone), "Your login at the broker has ended. Start again from the service.")
            : await AnswerAsync(context, demand, asserted, "login");
    }

    /// <summary>The upstream choice page again for a flow waiting for it (its language link leads here), for the browser the flow is bound to.</summary>
    public async Task<IResult> ShowChoiceAsync(HttpContext context, string flowToken) =>
        await FindWaitingAsync(context, flowToken, ChoiceUpstream) is not null
            ? UpstreamChoicePage.Show(context, flowToken, notFound: false)
            : Refuse(context, BrokerErrors.Name(BrokerError.FlowUnknown), "This login has expired or was already completed. Start again from the service.");

    /// <summary>A flow waiting for the person's choice of whom to act as, when the token is the broker's and this browser holds its binding.</summary>
    private async Task<PendingLogin?> FindChoiceAsync(HttpContext context, string flowToken) =>
        await FindWaitingAsync(context, flowToken, ActingAsStep) is { Choices.IsEmpty: false } pending ? pending : null;

    /// <summary>A flow waiting at the login page's <paramref name="step"/>, when the token is the broker's and this browser holds its binding.</summary>
    private async Task<PendingLogin?> FindWaitingAsync(HttpContext context, string flowToken, string step) =>
        ids.TryRead(IssuedIdPurpose.LoginFlow, flowToken, out var flowId)
        && await grains.Reference<ILoginFlowGrain>(flowId).GetAsync() is { } pending
        && pending.Upstream == step
        && binding.Read(context) is { } presented
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(pending.BrowserBinding))
            ? pending
            : null;

    public async Task<IResult> CompleteUpstreamAsync(HttpContext context, string upstreamName)
    {
        // Only a state the broker issued names a flow: anything else is refused before a grain is activated. Each upstream
        // reads its own (OIDC state in the query, SAML RelayState in the POSTed form).
        var flowToken = upstreams.FirstOrDefault(u => u.Name == upstreamName) is { } named ? await named.ReadFlowTokenAsync(context) : null;
        if (!ids.TryRead(IssuedIdPurpose.LoginFlow, flowToken, out var flowId))
        {
            return Refuse(context, BrokerErrors.Name(BrokerError.FlowUnknown), "This login has expired or was already completed. Start again from the service.");
        }

        // Login CSRF: taken only by the browser that started it (compare and take in the grain: another browser's
        // attempt leaves the flow to its own browser). Replayed callbacks find nothing: a flow is taken exactly once.
        var take = binding.Read(context) is { } browser
            ? await grains.Reference<ILoginFlowGrain>(flowId).TakeAsync(browser)
            : FlowTake.OtherBrowser;
        if (take.Outcome == FlowTakeOutcome.OtherBrowser)
        {
            return Refuse(context, BrokerErrors.Name(BrokerError.FlowBrowserMismatch), "This login was started in another browser. Start again from the service.");
        }

        if (take.Pending is not { } pending)
        {
            return Refuse(context, BrokerErrors.Name(BrokerError.FlowUnknown), "This login has expired or was already completed. Start again from the service.");
        }

        if (ProviderName(pending.Upstream) != upstreamName)
        {
            return Refuse(context, BrokerErrors.Name(BrokerError.FlowUpstreamMismatch), "The answer came from another identity provider than the login was sent to.");
        }

        if (pending.Protocol == ReturnProtocol)
        {
            return Return(context, pending, await AuthenticateAsync(context, pending, upstreamName, flowId, assertFor: null));
        }

        var sp = await catalog.FindAsync(pending.ServiceProviderId);
        if (sp is null)
        {
            return Refuse(context, BrokerErrors.Name(BrokerError.FlowServiceProviderGone), "The service you came from is no longer registered.");
        }

        var demand = DemandFor(sp, pending);
        var problem = responder.EncryptionProblem(sp);
        var result = await AuthenticateAsync(context, pending, upstreamName, flowId, problem is null ? SamlResponder.AssertionRequestFor(demand) : null);
        return result.Failure switch
        {
            // The request was trusted when the login started and the flow belongs to this browser: whatever went wrong
            // upstream, the SP hears a status at its registered ACS (SAML Core 3.2.2.2), not an error page of the broker.
            UpstreamFailure.Cancelled => await responder.SendStatusAsync(context, demand, StatusAnswer.Cancelled),
            UpstreamFailure.Failed or UpstreamFailure.NotReauthenticated =>
                await responder.SendStatusAsync(context, demand, StatusAnswer.UpstreamFailed(result.Code!)),
            // OIOSAML 3: a level the IdP cannot meet is answered NoAuthnContext; the session is not upgraded.
            UpstreamFailure.LevelNotReached => await responder.SendStatusAsync(context, demand, StatusAnswer.LevelNotReached),
            _ when problem is not null => await responder.SendStatusAsync(context, demand, problem),
            _ => await AnswerAsync(context, demand, result.Assertion!, "login"),
        };
    }

    /// <summary>
    /// Sends the browser to the upstream identity provider for a party that is not a SAML SP (an OpenID Connect client,
    /// <paramref name="partyId"/>): after the upstream login the browser holds a broker session and is sent back to
    /// <paramref name="returnPath"/> (a path of the broker, e.g. the authorization request again). When the login did not
    /// succeed, <c>login_error</c> is added to that path: <c>cancelled</c>, <c>loa</c> (the level was not reached) or
    /// <c>failed</c>; the front end answers its party in its protocol.
    /// </summary>
    public async Task<IResult> BeginForReturnAsync(
        HttpContext context,
        string partyId,
        LevelOfAssurance requiredLoa,
        bool forceAuthn,
        string returnPath,
        EidProfile profile = EidProfile.Person,
        string? loginHint = null)
    {
        if (!returnPath.StartsWith('/') || returnPath.StartsWith("//", StringComparison.Ordinal) || returnPath.Contains('\\', StringComparison.Ordinal))
        {
            throw new ArgumentException("The return path must be a path of the broker.", nameof(returnPath));
        }

        var pending = ReturnPending(partyId, requiredLoa, forceAuthn, returnPath) with
        {
            Profile = profile,
            LoginHint = loginHint is { Length: > 0 and <= MaxLoginHintLength } ? loginHint : null,
        };
        if (profile != EidProfile.Professional || !await OrganisationIdpLookup.AnyAsync(grains))
        {
            return await GoUpstreamAsync(context, forceAuthn, pending);
        }

        // As for SAML, an employee may log in through the organisation's own IdP; a hint naming the organisation (an e-mail
        // address in a registered domain, or its CVR number) goes there at once (home realm discovery), else the choice.
        return pending.LoginHint is { } hint && await OrganisationIdpLookup.FindCvrAsync(grains, hint) is { } cvr
            ? await GoUpstreamAsync(context, forceAuthn, pending with { Upstream = OrganisationIdpUpstream.KeyFor(cvr) })
            : await OfferChoiceAsync(context, pending, notFound: false);
    }

    private static PendingLogin ReturnPending(string partyId, LevelOfAssurance requiredLoa, bool forceAuthn, string returnPath) => new()
    {
        Protocol = ReturnProtocol,
        ServiceProviderId = partyId,
        RequestId = string.Empty,
        ResponseUrl = returnPath,
        RequiredLoa = requiredLoa,
        ForceAuthn = forceAuthn,
        Upstream = DefaultUpstream,
        BrowserBinding = string.Empty,
    };

    /// <summary>
    /// Starts a login flow for <paramref name="request"/> (its upstream fields, browser binding and start are filled in
    /// here) and sends the browser to the upstream; <paramref name="promptLogin"/> asks the upstream to authenticate anew.
    /// </summary>
    private async Task<IResult> GoUpstreamAsync(HttpContext context, bool promptLogin, PendingLogin request)
    {
        var upstream = FindUpstream(request.Upstream);
        var flow = ids.New(IssuedIdPurpose.LoginFlow);
        var challenge = await upstream.CreateChallengeAsync(request.Upstream, flow.Token, request.RequiredLoa, promptLogin, request.LoginHint, context.RequestAborted);
        await grains.Reference<ILoginFlowGrain>(flow.Key).StartAsync(request with
        {
            UpstreamNonce = challenge.Nonce,
            UpstreamCodeVerifier = challenge.CodeVerifier,
            BrowserBinding = binding.Ensure(context),
            StartedAt = time.GetUtcNow(),
        });
        Log.LoginStarted(logger, request.ServiceProviderId, SessionReference.For(flow.Key), upstream.Name, request.RequiredLoa.ToString());
        HtmlPage.NoStore(context);
        return TypedResults.Redirect(challenge.RedirectUrl);
    }

    private static IResult Return(HttpContext context, PendingLogin pending, UpstreamResult result)
    {
        HtmlPage.NoStore(context);
        var error = result.Failure switch
        {
            UpstreamFailure.None => null,
            UpstreamFailure.Cancelled => "cancelled",
            UpstreamFailure.LevelNotReached => "loa",
            _ => "failed",
        };
        return TypedResults.Redirect(error is null
            ? pending.ResponseUrl
            : Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(pending.ResponseUrl, "login_error", error));
    }

    /// <summary>
    /// The upstream's answer for a taken flow: on success the person's identity is updated and a new session started (the
    /// browser gets its cookie), asserting for <paramref name="assertFor"/> in the same session call; otherwise why not.
    /// </summary>
    private async Task<UpstreamResult> AuthenticateAsync(
        HttpContext context, PendingLogin pending, string upstreamName, string flowId, AssertionRequest? assertFor)
    {
        UpstreamAuthentication authentication;
        try
        {
            authentication = await FindUpstream(upstreamName).CompleteAsync(context, pending, context.RequestAborted);
        }
        catch (UpstreamException ex)
        {
            Log.UpstreamFailed(logger, SessionReference.For(flowId), ex.Code, ex);
            if (ex.Code == BrokerErrors.Name(BrokerError.UpstreamCancelled))
            {
                return new UpstreamResult(UpstreamFailure.Cancelled, ex.Code);
            }

            audit.Record(context, new AuditEvent(AuditCategory.Login, AuditActions.UpstreamLogin, AuditOutcome.Failed)
            {
                ServiceProvider = pending.ServiceProviderId,
                Code = ex.Code,
                Detail = $"request {pending.RequestId}; upstream {upstreamName}",
            });
            return new UpstreamResult(UpstreamFailure.Failed, ex.Code);
        }

        // SAML Core 3.4.1 ForceAuthn (OIDC prompt=login): an upstream that answered from an earlier login of its own did not
        // re-authenticate.
        if (pending.ForceAuthn && authentication.AuthnInstant < pending.StartedAt - ReauthenticationTolerance)
        {
            Log.UpstreamFailed(logger, SessionReference.For(flowId), BrokerErrors.Name(BrokerError.UpstreamReauthenticationMissing), null);
            return new UpstreamResult(UpstreamFailure.NotReauthenticated, BrokerErrors.Name(BrokerError.UpstreamReauthenticationMissing));
        }

        if (authentication.Loa < pending.RequiredLoa)
        {
            return new UpstreamResult(UpstreamFailure.LevelNotReached, BrokerErrors.Name(BrokerError.UpstreamLoaNotReached));
        }

        var identityId = await grains.Reference<IUpstreamSubjectGrain>(UpstreamSubjectKey.For(authentication.Authority, authentication.Subject)).ResolveIdentityAsync();

        // No session fixation: every authentication starts a session under an id issued now; the browser's previous
        // session (only one the broker issued can be named here) ends, handing its participants over if it was this person's.
        // One session call: the identity updated with what the upstream said, the session started and, for the party that
        // asked, asserted (the session asks the identity for the update and the release in one call).
        var issued = sessions.IssueNew();
        var grain = grains.Reference<ISessionGrain>(issued.Key);
        var started = new SessionAuthentication(identityId, authentication.Loa, authentication.AuthnInstant, authentication.Authority)
        {
            Person = authentication.Person,
        };
        var result = assertFor is null
            ? new UpstreamResult(UpstreamFailure.None, null) { Session = await grain.StartAsync(started, sessions.Read(context)) }
            : new UpstreamResult(UpstreamFailure.None, null) { Assertion = await grain.StartAndAssertAsync(started, sessions.Read(context), assertFor) };
        sessions.Use(context, issued);
        return result;
    }

    private IUpstreamIdentityProvider FindUpstream(string name) =>
        upstreams.FirstOrDefault(u => u.Name == ProviderName(name)) ?? throw new InvalidOperationException($"No upstream identity provider named '{name}' is configured.");

    /// <summary>The provider of a flow's upstream key: <c>mitid</c>, or <c>org</c> for <c>org:{cvr}</c>.</summary>
    private static string ProviderName(string upstream) => upstream.Split(':', 2)[0];

    private IResult Refuse(HttpContext context, string code, string explanation)
    {
        Log.LoginFlowRefused(logger, code);
        audit.Record(context, new AuditEvent(AuditCategory.Refusal, AuditActions.LoginCallback, AuditOutcome.Refused) { Code = code });
        return ErrorPage.Show(context, StatusCodes.Status400BadRequest, code, "The login could not be completed", explanation);
    }
}
