using NemLogin.Grains.Errors;
using NemLogin.Gateway.Pages;
using NemLogin.Grains;
using NemLogin.Grains.Signing;

namespace NemLogin.Gateway.Signing;

/// <summary>
/// Turns "cannot sign right now" into a 503 page with Retry-After for the person (docs/security.md: bounded queues shed with
/// 503). Whatever was being answered is not sent: no unsigned message, no fallback key. A login that got this far is
/// already recorded in the person's session, so starting again at the service answers by single sign-on.
/// </summary>
internal sealed class SigningUnavailableMiddleware(RequestDelegate next, ILogger<SigningUnavailableMiddleware> logger)
{
    private const int RetryAfterSeconds = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        string code;
        try
        {
            await next(context);
            return;
        }
        catch (SigningUnavailableException ex) when (!context.Response.HasStarted)
        {
            code = ex.Code;
        }
        catch (GrainRuleException ex) when (BrokerErrors.IsTransientSigning(ex.Code) && !context.Response.HasStarted)
        {
            code = ex.Code;
        }

        Log.SigningUnavailable(logger, code, context.Request.Path);
        context.Response.Clear();
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await ErrorPage.Show(
                context,
                StatusCodes.Status503ServiceUnavailable,
                code,
                "The login service is busy",
                "The broker could not sign its answer just now. Nothing was sent to the service. Please try again in a few seconds.")
            .ExecuteAsync(context);
    }
}
