using Microsoft.Extensions.Options;

namespace NemLogin.Demo.MitIdSimulator;

/// <summary>GET /authorize: checks the request and shows the login form (OIDC Core 3.1.2.1 - 3.1.2.4).</summary>
internal static class AuthorizeGetHandler
{
    public static async Task<IResult> HandleAsync(
        HttpContext context,
        SimulatorClientRegistry clients,
        SimulatorStores stores,
        SimulatorUrls urls,
        IOptions<MitIdSimulatorOptions> options,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("NemLogin.Demo.MitIdSimulator");
        var check = AuthorizationRequestValidator.Validate(context.Request.Query, clients);
        if (check.PageError is not null)
        {
            Log.AuthorizationRefusedWithPage(logger);
            return SimulatorResults.ErrorPage(context, check.PageError);
        }

        if (check.Redirect is not null)
        {
            Log.AuthorizationRefused(logger, check.Redirect.Code);
            return SimulatorResults.Redirect(context, AuthorizationResponse.Error(check.Redirect, urls.Issuer));
        }

        var request = check.Request!;
        var pending = new PendingAuthorization(
            request.Client.ClientId,
            request.RedirectUri,
            request.State,
            request.Nonce,
            request.CodeChallenge,
            request.AcrValues,
            RandomToken.Create(),
            BrowserBindingCookie.GetOrCreate(context))
        {
            LoginHint = request.LoginHint,
        };
        var pendingId = RandomToken.Create();
        if (!await stores.Pending.TryAddAsync(pendingId, pending, options.Value.PendingLifetime))
        {
            Log.StoreFull(logger, "pending");
            return SimulatorResults.ErrorPage(context, "The login service is busy. Please try again shortly.", StatusCodes.Status503ServiceUnavailable);
        }

        return SimulatorResults.Page(context, SimulatorPages.Login(LoginPageModel.For(context, pendingId, pending, error: null)));
    }
}
