using Microsoft.Extensions.Options;

namespace NemLogin.Demo.MitIdSimulator;

/// <summary>POST /authorize: the login form. Issues a code on success (RFC 6749 4.1.2) or access_denied on cancel (4.1.2.1).</summary>
internal sealed class AuthorizePostHandler(
    SimulatorStores stores,
    SimulatorUrls urls,
    TimeProvider time,
    IOptions<MitIdSimulatorOptions> options,
    ILoggerFactory loggers)
{
    private const long MaxFormBytes = 8 * 1024;
    private const string Expired = "This login has expired. Please start again from the service you came from.";
    private readonly ILogger _logger = loggers.CreateLogger("NemLogin.Demo.MitIdSimulator");

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType || context.Request.ContentLength is null or > MaxFormBytes)
        {
            return SimulatorResults.ErrorPage(context, "The login form was not submitted correctly.");
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var pendingId = form[SimulatorPages.PendingField].ToString();
        if (await stores.Pending.GetAsync(pendingId) is not { } pending)
        {
            return SimulatorResults.ErrorPage(context, Expired);
        }

        // Login CSRF: the post must come from the browser that opened the form, with the form's own token.
        if (!SimulatorSecrets.AreEqual(BrowserBindingCookie.Read(context), pending.BrowserBinding)
            || !SimulatorSecrets.AreEqual(form[SimulatorPages.FormTokenField].ToString(), pending.FormToken))
        {
            Log.FormForgeryRefused(_logger);
            return SimulatorResults.ErrorPage(context, "The login form could not be verified. Please start again.");
        }

        return form[SimulatorPages.ActionField].ToString() switch
        {
            SimulatorPages.CancelAction => await CancelAsync(context, pendingId),
            SimulatorPages.LoginAction => await LogInAsync(context, pendingId, pending, form[SimulatorPages.UsernameField]),
            _ => SimulatorResults.ErrorPage(context, "The login form was not submitted correctly."),
        };
    }

    private async Task<IResult> CancelAsync(HttpContext context, string pendingId)
    {
        if (await stores.Pending.TakeAsync(pendingId) is not { } pending)
        {
            return SimulatorResults.ErrorPage(context, Expired);
        }

        Log.LoginCancelled(_logger, pending.ClientId);
        var error = new AuthorizationError(pending.RedirectUri, pending.State, "access_denied", "The user cancelled the login.");
        return SimulatorResults.Redirect(context, AuthorizationResponse.Error(error, urls.Issuer));
    }

    private async Task<IResult> LogInAsync(HttpContext context, string pendingId, PendingAuthorization pending, string? username)
    {
        var user = TestUsers.Find(username);
        if (user is null)
        {
            var model = LoginPageModel.For(context, pendingId, pending, "No test user has that user name.");
            return SimulatorResults.Page(context, SimulatorPages.Login(model));
        }

        // Taking the pending request makes a double submit yield one code, not two.
        if (await stores.Pending.TakeAsync(pendingId) is null)
        {
            return SimulatorResults.ErrorPage(context, Expired);
        }

        var code = RandomToken.Create();
        var issued = new IssuedCode(pending.ClientId, pending.RedirectUri, pending.CodeChallenge, pending.Nonce, user, time.GetUtcNow());
        if (!await stores.Codes.TryAddAsync(code, issued, options.Value.CodeLifetime))
        {
            Log.StoreFull(_logger, "codes");
            return SimulatorResults.ErrorPage(context, "The login service is busy. Please try again shortly.", StatusCodes.Status503ServiceUnavailable);
        }

        Log.CodeIssued(_logger, pending.ClientId);
        return SimulatorResults.Redirect(context, AuthorizationResponse.Success(pending.RedirectUri, code, pending.State, urls.Issuer));
    }
}
