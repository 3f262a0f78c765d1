using Microsoft.AspNetCore.Http.Extensions;
using NemLogin.Gateway.Audit;
using NemLogin.Gateway.Login;
using NemLogin.Gateway.Oidc.Endpoints;
using NemLogin.Gateway.Pages;
using NemLogin.Gateway.Sessions;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.Audit;
using NemLogin.Grains.Errors;
using NemLogin.Grains.Identities;
using NemLogin.Grains.Sessions;
using NemLogin.Grains;

namespace NemLogin.Gateway.SelfService;

/// <summary>
/// The self-service pages are a first-party client of the broker's login core: a person logs in through the upstream (MitID)
/// like at any service, with <see cref="LoginCoordinator.BeginForReturnAsync"/> at NSIS Substantial, and the pages then
/// serve the browser's broker session itself (read on every request, so logging out anywhere ends the pages at once).
/// A session below Substantial is sent up again to step up; when the person cannot reach the level the page says so.
/// Changes (POST) never start a login (the form would be lost): without a usable session they are refused, and with one
/// they must carry the form token (<see cref="FormProtection"/>).
/// </summary>
internal sealed class SelfServiceAuthentication(
    IGrainFactory grains,
    BrowserSessions sessions,
    LoginCoordinator coordinator,
    LoginReturnMarker markers,
    FormProtection forms,
    AdministeredOrganisations organisations,
    IAuditTrail audit)
{
    /// <summary>How the pages name themselves to the login core (login flows, audit records); no SP or client has this id.</summary>
    public const string PartyId = "urn:nemlogin:self-service";

    public const LevelOfAssurance RequiredLoa = LevelOfAssurance.Substantial;

    /// <summary>A page (GET): the person, or the answer to send instead (a login, or why there is none).</summary>
    public async Task<(SelfServiceRequest? Request, IResult? Answer)> ForPageAsync(HttpContext context)
    {
        var language = PageLanguage.Resolve(context);
        var session = await SessionAsync(context);
        var backFromLogin = markers.Read(context.Request.Query[LoginReturnMarker.Parameter].ToString(), PartyId) is not null;
        if (session is { Loa: >= RequiredLoa } && await UserAsync(session) is { } user)
        {
            // Back from the login: the same page without the broker's parameters.
            return backFromLogin
                ? (null, Redirect(context, CleanPath(context)))
                : (await RequestAsync(context, user, language), null);
        }

        if (backFromLogin)
        {
            // Came back without a usable session: answer, never send the browser up again (no login loop).
            var error = context.Request.Query[LoginReturnMarker.ErrorParameter].ToString();
            return (null, error switch
            {
                "cancelled" => Refuse(context, language, BrokerError.SelfServiceLoginCancelled, StatusCodes.Status401Unauthorized, t => (t.LoginFailedTitle, t.LoginCancelled)),
                "loa" => Refuse(context, language, BrokerError.SelfServiceLoaTooLow, StatusCodes.Status403Forbidden, t => (t.LoaTooLowTitle, t.LoaTooLow)),
                _ when session is not null => Refuse(context, language, BrokerError.SelfServiceLoaTooLow, StatusCodes.Status403Forbidden, t => (t.LoaTooLowTitle, t.LoaTooLow)),
                _ => Refuse(context, language, BrokerError.SelfServiceLoginFailed, StatusCodes.Status401Unauthorized, t => (t.LoginFailedTitle, t.LoginFailed)),
            });
        }

        // No session: a login. A session below Substantial: a new login that must reach it (step-up).
        var returnPath = CleanPath(context);
        returnPath += (returnPath.Contains('?', StringComparison.Ordinal) ? "&" : "?") + LoginReturnMarker.Parameter + "=" + Uri.EscapeDataString(markers.Create(PartyId));
        return (null, await coordinator.BeginForReturnAsync(context, PartyId, RequiredLoa, forceAuthn: session is not null, returnPath));
    }

    /// <summary>
    /// A change (POST): the person, when the browser's session is usable and the form carries its token; otherwise a page
    /// that says nothing was changed.
    /// </summary>
    public async Task<(SelfServiceRequest? Request, IResult? Answer)> ForChangeAsync(HttpContext context)
    {
        var language = PageLanguage.Resolve(context);
        var session = await SessionAsync(context);
        if (session is not null && session.Loa < RequiredLoa)
        {
            return (null, Refuse(context, language, BrokerError.SelfServiceLoaTooLow, StatusCodes.Status403Forbidden, t => (t.LoaTooLowTitle, t.LoaTooLow)));
        }

        if (session is null || await UserAsync(session) is not { } user)
        {
            return (null, Refuse(context, language, BrokerError.SessionNone, StatusCodes.Status401Unauthorized, t => (t.SessionEndedTitle, t.SessionEnded), offerLogin: true));
        }

        // CSRF: checked before the form is read for anything else.
        if (!await forms.IsValidAsync(context, user))
        {
            audit.Record(context, new AuditEvent(AuditCategory.Refusal, AuditActions.SelfServiceForm, AuditOutcome.Refused)
            {
                Actor = user.Actor,
                Code = BrokerErrors.Name(BrokerError.SelfServiceFormInvalid),
                Detail = context.Request.Path.ToString(),
            });
            var request = await RequestAsync(context, user, language);
            var text = request.Text;
            return (null, SelfServiceLayout.Refusal(context, request, language, StatusCodes.Status400BadRequest,
                BrokerErrors.Name(BrokerError.SelfServiceFormInvalid), text.FormInvalidTitle, text.FormInvalid));
        }

        return (await RequestAsync(context, user, language), null);
    }

    private async Task<SelfServiceRequest> RequestAsync(HttpContext context, SelfServiceUser user, string language) =>
        new(context, user, language, forms.Field(context, user), await organisations.ForAsync(user.IdentityId));

    private async Task<SessionSnapshot?> SessionAsync(HttpContext context) =>
        sessions.Read(context) is { } sessionId ? await grains.Reference<ISessionGrain>(sessionId).GetAsync() : null;

    private async Task<SelfServiceUser?> UserAsync(SessionSnapshot session) =>
        await grains.Reference<IIdentityGrain>(session.IdentityId).GetAsync() is { } profile
            ? new SelfServiceUser(session.SessionId, profile.Id, $"{profile.Attributes.GivenName} {profile.Attributes.FamilyName}".Trim(), profile.Attributes.CprNumber, session.Loa)
            : null;

    private IResult Refuse(HttpContext context, string language, BrokerError error, int statusCode, Func<SelfServiceText, (string Title, string Explanation)> text, bool offerLogin = true)
    {
        var code = BrokerErrors.Name(error);
        audit.Record(context, new AuditEvent(AuditCategory.Refusal, AuditActions.SelfServiceLogin, AuditOutcome.Refused)
        {
            ServiceProvider = PartyId,
            Code = code,
        });
        var (title, explanation) = text(SelfServiceText.For(language));
        return SelfServiceLayout.Refusal(context, null, language, statusCode, code, title, explanation, offerLogin);
    }

    /// <summary>This page's path and query without the broker's own login parameters or the language switch.</summary>
    private static string CleanPath(HttpContext context)
    {
        var query = new QueryBuilder();
        foreach (var (name, values) in context.Request.Query)
        {
            if (name is not (LoginReturnMarker.Parameter or LoginReturnMarker.ErrorParameter or PageLanguage.QueryParameter))
            {
                foreach (var value in values)
                {
                    query.Add(name, value ?? string.Empty);
                }
            }
        }

        return context.Request.Path + query.ToQueryString().ToString();
    }

    private static IResult Redirect(HttpContext context, string path)
    {
        HtmlPage.NoStore(context);
        return TypedResults.Redirect(path);
    }
}
