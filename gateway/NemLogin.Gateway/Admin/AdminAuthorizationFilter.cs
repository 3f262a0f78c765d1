using NemLogin.Grains.Errors;
using NemLogin.Gateway.Audit;
using NemLogin.Grains.Audit;

namespace NemLogin.Gateway.Admin;

/// <summary>
/// Guards every admin endpoint: 404 when no key is configured (the API does not exist), 401 with one and the same answer
/// for a missing and a wrong key, so a caller learns nothing but "not authorised".
/// </summary>
internal sealed class AdminAuthorizationFilter(AdminApiKey key, IAuditTrail audit, ILogger<AdminAuthorizationFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!key.Enabled)
        {
            return TypedResults.NotFound();
        }

        if (!key.IsPresentedBy(http.Request))
        {
            Log.AdminRequestUnauthorized(logger, http.Request.Method, http.Request.Path.Value ?? string.Empty);
            audit.Record(http, new AuditEvent(AuditCategory.Refusal, AuditActions.AdminAuthentication, AuditOutcome.Refused)
            {
                Code = BrokerErrors.Name(BrokerError.AdminUnauthorized),
                Detail = http.Request.Method + " " + http.Request.Path.Value,
            });
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"nemlogin-admin\"";
            return AdminProblems.Problem(StatusCodes.Status401Unauthorized, BrokerErrors.Name(BrokerError.AdminUnauthorized), "Not authorised",
                "Send the admin API key as Authorization: Bearer <key>.");
        }

        http.Response.Headers.CacheControl = "no-store";
        return await next(context);
    }
}
