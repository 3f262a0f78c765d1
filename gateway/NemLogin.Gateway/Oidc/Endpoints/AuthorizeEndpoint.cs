using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Extensions;
using NemLogin.Gateway.Login;
using NemLogin.Gateway.Oidc.Signing;
using NemLogin.Gateway.Sessions;
using NemLogin.Gateway.Upstream.MitId;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.Identities;
using NemLogin.Grains.Oidc;
using NemLogin.Grains.Sessions;
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
    BrowserSessions sessions,
    LoginCoordinator coordinator,
    LoginReturnMarker markers,
    TokenSigningKeys keys,
    TimeProvider time,
    ILogger<AuthorizeEndpoint> logger)
{
    /// <summary>The upstream's auth_time has whole seconds and its clock may trail ours (as <see cref="LoginCoordinator"/> allows).</summary>
    private static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(10);

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var clientId = request.ClientId!;
        var client = await grains.GetGrain<IOidcClientGrain>(clientId).GetAsync();
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
        var session = sessions.Read(context) is { } sessionId ? await grains.GetGrain<ISessionGrain>(sessionId).GetAsync() : null;
        var now = time.GetUtcNow();

        // OIDC Core 3.1.2.1: prompt=login and an exceeded max_age demand an authentication made for this request.
        var needsFresh = request.HasPromptValue(PromptValues.Login)
            || (request.MaxAge is { } maxAge && session is not null && now - session.AuthnInstant > TimeSpan.FromSeconds(maxAge));
        var freshSinceStart = startedAt is not null && session is not null && session.AuthnInstant >= startedAt.Value - Tolerance;
        var usable = session is not null && session.Loa >= requiredLoa && (!needsFresh || freshSinceStart);

        AttributeRelease? release = null;
        if (usable)
        {
            release = await grains.GetGrain<IIdentityGrain>(session!.IdentityId).ReleaseToAsync(clientId, client.CprEntitled);

            // id_token_hint (validated by OpenIddict: our signature, our issuer) names the person the client expects.
            var hint = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            if (hint.Principal?.GetClaim(Claims.Subject) is { } hinted && hinted != release.Pseudonym.ToString())
            {
                usable = false;
            }
        }

        if (usable)
        {
            await keys.EnsureAsync(context.RequestAborted);

            // A participant of the session like a SAML SP (cross-protocol logout); its SessionIndex is the client's sid.
            var participant = await grains.GetGrain<ISessionGrain>(session!.SessionId).AddOidcParticipantAsync(clientId, release!.Pseudonym.ToString());
            var principal = OidcPrincipal.Create(release, session, [.. request.GetScopes()], client.CprEntitled, participant.SessionIndex);
            Log.OidcSignedIn(logger, clientId, startedAt is null ? "sso" : "login");
            return OidcResults.SignIn(principal);
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

        return await coordinator.BeginForReturnAsync(context, clientId, requiredLoa, needsFresh, ReturnPath(request, markers.Create(clientId)));
    }

    /// <summary>The lowest NSIS level among the requested <c>acr_values</c> (any of them satisfies), never below the client's minimum.</summary>
    private static LevelOfAssurance RequiredLoa(LevelOfAssurance minimum, string? acrValues)
    {
        var requested = (acrValues ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(NsisAcr.FromUri).Where(l => l != LevelOfAssurance.None).DefaultIfEmpty(minimum).Min();
        return requested > minimum ? requested : minimum;
    }

    /// <summary>This authorization request again (also when it came as a POST), with the marker and without a previous one.</summary>
    private static string ReturnPath(OpenIddictRequest request, string marker)
    {
        var query = new QueryBuilder();
        foreach (var (name, value) in request.GetParameters())
        {
            if (name is not (LoginReturnMarker.Parameter or LoginReturnMarker.ErrorParameter) && (string?)value is { } text)
            {
                query.Add(name, text);
            }
        }

        query.Add(LoginReturnMarker.Parameter, marker);
        return OidcPaths.Authorize + query.ToQueryString();
    }
}
