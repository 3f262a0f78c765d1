using Microsoft.Extensions.Options;

namespace NemLogin.Demo.MitIdSimulator;

/// <summary>POST /token: redeems a code once for an ID token (RFC 6749 4.1.3, RFC 7636 4.6, OIDC Core 3.1.3).</summary>
internal static class TokenEndpointHandler
{
    private const long MaxFormBytes = 8 * 1024;

    public static async Task<IResult> HandleAsync(
        HttpContext context,
        SimulatorClientRegistry clients,
        SimulatorStores stores,
        IdTokenIssuer issuer,
        IOptions<MitIdSimulatorOptions> options,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("NemLogin.Demo.MitIdSimulator");
        if (!context.Request.HasFormContentType || context.Request.ContentLength is null or > MaxFormBytes)
        {
            return Error(context, logger, "invalid_request", "Send the request as application/x-www-form-urlencoded.");
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var credentials = ClientCredentials.Read(context.Request, form, out var malformed);
        if (malformed || form.Any(p => p.Value.Count > 1))
        {
            return Error(context, logger, "invalid_request", "Malformed or repeated parameters, or more than one client authentication method.");
        }

        var client = clients.Find(credentials?.ClientId);
        if (credentials is null || client is null || !SimulatorSecrets.AreEqual(credentials.ClientSecret, client.ClientSecret))
        {
            // RFC 6749 5.2: 401, with a challenge naming the scheme the client tried.
            if (credentials?.UsedBasic == true)
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"mitid-sim\"";
            }

            return Error(context, logger, "invalid_client", "Client authentication failed.", StatusCodes.Status401Unauthorized);
        }

        if (!string.Equals(form["grant_type"], "authorization_code", StringComparison.Ordinal))
        {
            return Error(context, logger, "unsupported_grant_type", "Only authorization_code is supported.");
        }

        // Taken before any other check: a code presented once is gone, whatever happens next (RFC 6749 4.1.2).
        if (await stores.Codes.TakeAsync(form["code"].ToString()) is not { } code)
        {
            return Error(context, logger, "invalid_grant", "The code is unknown, expired or already used.");
        }

        var refusal = CheckBinding(code, client.ClientId, form["redirect_uri"], form["code_verifier"]);
        if (refusal is not null)
        {
            return Error(context, logger, "invalid_grant", refusal);
        }

        Log.TokenIssued(logger, client.ClientId);
        PageHeaders.Apply(context.Response);
        var lifetime = (int)options.Value.IdTokenLifetime.TotalSeconds;
        return TypedResults.Json(new TokenResponse(RandomToken.Create(), "Bearer", lifetime, issuer.Issue(code)));
    }

    private static string? CheckBinding(IssuedCode code, string clientId, string? redirectUri, string? verifier)
    {
        // RFC 6749 4.1.3: bound to the client it was issued to and to the exact redirect URI.
        if (!string.Equals(code.ClientId, clientId, StringComparison.Ordinal))
        {
            return "The code was issued to another client.";
        }

        if (!string.Equals(code.RedirectUri, redirectUri, StringComparison.Ordinal))
        {
            return "redirect_uri does not match the authorization request.";
        }

        // RFC 7636 4.6: the verifier must hash to the challenge.
        return SimulatorSecrets.IsWellFormedVerifier(verifier) && SimulatorSecrets.AreEqual(SimulatorSecrets.S256(verifier!), code.CodeChallenge)
            ? null
            : "code_verifier does not match the code_challenge.";
    }

    private static IResult Error(HttpContext context, ILogger logger, string error, string description, int status = StatusCodes.Status400BadRequest)
    {
        Log.TokenRefused(logger, error);
        PageHeaders.Apply(context.Response);
        return TypedResults.Json(new TokenErrorResponse(error, description), statusCode: status);
    }
}
