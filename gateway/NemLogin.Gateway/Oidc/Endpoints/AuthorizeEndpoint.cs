using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Extensions;
using NemLogin.Gateway.Login;
using NemLogin.Gateway.Oidc.Signing;
using NemLogin.Gateway.Oidc.Stores;
using NemLogin.Gateway.Sessions;
using NemLogin.Gateway.Upstream.MitId;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.Identities;
using NemLogin.Grains.Oidc;
using NemLogin.Grains.Sessions;
using NemLogin.Grains;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace NemLogin.Gateway.Oidc.Endpoints;

/// <summary>
/// The authorization endpoint after OpenIddict validated the request (client, exact redirect URI, PKCE S256, scopes):
/// single sign-on from the browser's broker session when it is strong, fresh and the right person enough; otherwise a
/// trip to the upstream through <see cref="LoginCoordinator.BeginForReturnAsync"/> that comes back to this same request.
/// </summary>
internal sealed class AuthorizeEndpoint(
    IGrainFactory grains,
    OidcClientCatalog clients,
    BrowserSessions sessions,
    LoginCoordinator coordinator,
    LoginReturnMarker markers,
    TokenSigningKeys keys,
    TimeProvider time,
    ILogger<AuthorizeEndpoint> logger)
{
    /// <summary>The upstream's auth_time has whole seconds and its clock may trail ours (as <see cref="LoginCoordinator"/> allows).</summary>
    private static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(10);

    /// <summary>The participant's subject format for an OpenID Connect client (its <c>sub</c> is the client's pseudonym).</summary>
    private const string OidcSubjectFormat = "oidc:sub";

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var clientId = request.ClientId!;
        var client = await clients.FindAsync(clientId);
        if (client is null)
        {
            return OidcResults.Error(Errors.InvalidClient, "The client is no longer registered.");
        }

        var startedAt = markers.Read((string?)request[LoginReturnMarker.Parameter], clientId);
        if (startedAt is not null && (string?)request[LoginReturnMarker.ErrorParameter] is { Length: > 0 } loginError)
        {
            Log.OidcLoginFailed(logger, clientId, loginError);
            return OidcResults.Error(Errors.AccessDenied, loginError switch
            {
                "cancelled" => "The user cancelled the login.",
                "loa" => "The required level of assurance was not reached.",
                _ => "The login failed.",
            });
        }

        var requiredLoa = RequiredLoa(client.MinLoa, request.AcrValues);

        // OIDC Core 3.1.2.1: prompt=login demands an authentication made for this request, so only one back from the
        // login this request caused can be used.
        var promptLogin = request.HasPromptValue(PromptValues.Login);
        var needsFresh = promptLogin;
        if (sessions.Read(context) is { } sessionId && (!promptLogin || startedAt is not null))
        {
            // One call: the session decides level, freshness and person, and makes the client a participant (its
            // SessionIndex is the client's sid, so a logout at either protocol reaches it).
            var assertion = await grains.Reference<ISessionGrain>(sessionId).AssertAsync(
                new AssertionRequest(clientId, client.CprEntitled, requiredLoa, string.Empty, OidcSubjectFormat, TransientSubject: false)
                {
                    Protocol = ParticipantProtocol.Oidc,
                    AuthenticatedSince = AuthenticatedSince(request, promptLogin, startedAt, time.GetUtcNow()),
                    ExpectedPseudonym = await HintedPseudonymAsync(context),
                    Profile = ProfileOf(request),
                    ActingAs = Guid.TryParse((string?)request[LoginCoordinator.ActingAsParameter], out var chosen) ? chosen : null,
                });
            switch (assertion.Outcome)
            {
                case SessionAssertionOutcome.Asserted:
                    await keys.EnsureAsync(context.RequestAborted);
                    var principal = OidcPrincipal.Create(assertion, [.. request.GetScopes()], client.CprEntitled);
                    Log.OidcSignedIn(logger, clientId, startedAt is null ? "sso" : "login");
                    return OidcResults.SignIn(principal);

                // The professional scope: an employee of more than one organisation chooses whom to act as (OIDC Core
                // 3.1.2.1: with prompt=none that question cannot be asked).
                case SessionAssertionOutcome.ChoiceNeeded when request.HasPromptValue(PromptValues.None):
                    return OidcResults.Error(Errors.AccountSelectionRequired, "The user must choose whom to act as.");
                case SessionAssertionOutcome.ChoiceNeeded:
                    return await coordinator.AskActingAsForReturnAsync(
                        context, clientId, ReturnPath(request, (string?)request[LoginReturnMarker.Parameter]), assertion.Choices);

                // Never a citizen's identity to a client that asked for an employee's.
                case SessionAssertionOutcome.NoFittingIdentity:
                    return OidcResults.Error(Errors.AccessDenied, "The user has no business identity that can act for an organisation.");
            }

            needsFresh |= assertion.Outcome == SessionAssertionOutcome.NotFresh;
        }

        if (request.HasPromptValue(PromptValues.None))
        {
            return OidcResults.Error(Errors.LoginRequired, "No usable session: the user must log in.");
        }

        if (startedAt is not null)
        {
            // Back from the upstream without a usable session (another person, a stale login): answer, do not loop.
            return OidcResults.Error(Errors.LoginRequired, "The login did not produce a session this request can use.");
        }

        return await coordinator.BeginForReturnAsync(
            context, clientId, requiredLoa, needsFresh, ReturnPath(request, markers.Create(clientId)), ProfileOf(request), request.LoginHint);
    }

    /// <summary>
    /// The earliest authentication this request accepts: with <c>prompt=login</c>, one made after the login it caused began;
    /// with <c>max_age</c>, one within that many seconds, or one made for this request (an upstream may remember the person
    /// and answer at once, and the clock of its <c>auth_time</c> may trail ours).
    /// </summary>
    private static DateTimeOffset? AuthenticatedSince(OpenIddictRequest request, bool promptLogin, DateTimeOffset? startedAt, DateTimeOffset now)
    {
        var sinceStart = startedAt - Tolerance;
        if (promptLogin)
        {
            return sinceStart;
        }

        if (request.MaxAge is not { } maxAge)
        {
            return null;
        }

        var withinMaxAge = now - TimeSpan.FromSeconds(maxAge);
        return sinceStart is { } start && start < withinMaxAge ? start : withinMaxAge;
    }

    /// <summary>
    /// The person an <c>id_token_hint</c> names (OpenIddict validated it: our signature, our issuer), as the pseudonym its
    /// <c>sub</c> carries; <see cref="Guid.Empty"/>, which is nobody's, for a subject that is not one.
    /// </summary>
    private static async Task<Guid?> HintedPseudonymAsync(HttpContext context)
    {
        var hint = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        return hint.Principal?.GetClaim(Claims.Subject) is { } subject
            ? (Guid.TryParse(subject, out var pseudonym) ? pseudonym : Guid.Empty)
            : null;
    }

    /// <summary>The scope <c>professional</c> asks for the employee (OIOSAML's Professional profile), anything else the citizen.</summary>
    private static EidProfile ProfileOf(OpenIddictRequest request) =>
        request.HasScope(OidcScopes.Professional) ? EidProfile.Professional : EidProfile.Person;

    /// <summary>The lowest NSIS level among the requested <c>acr_values</c> (any of them satisfies), never below the client's minimum.</summary>
    private static LevelOfAssurance RequiredLoa(LevelOfAssurance minimum, string? acrValues)
    {
        var requested = (acrValues ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(NsisAcr.FromUri).Where(l => l != LevelOfAssurance.None).DefaultIfEmpty(minimum).Min();
        return requested > minimum ? requested : minimum;
    }

    /// <summary>
    /// This authorization request again (also when it came as a POST), with the marker (when there is one) and without the
    /// broker's own parameters of an earlier round.
    /// </summary>
    private static string ReturnPath(OpenIddictRequest request, string? marker)
    {
        var query = new QueryBuilder();
        foreach (var (name, value) in request.GetParameters())
        {
            if (name is not (LoginReturnMarker.Parameter or LoginReturnMarker.ErrorParameter or LoginCoordinator.ActingAsParameter) && (string?)value is { } text)
            {
                query.Add(name, text);
            }
        }

        if (marker is not null)
        {
            query.Add(LoginReturnMarker.Parameter, marker);
        }

        return OidcPaths.Authorize + query.ToQueryString();
    }
}
