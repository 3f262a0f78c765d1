namespace NemLogin.Demo.MitIdSimulator;

/// <summary>Applies the authorization endpoint's rules, in the order that decides whether an error may be redirected.</summary>
internal static class AuthorizationRequestValidator
{
    public static AuthorizationCheck Validate(IQueryCollection query, SimulatorClientRegistry clients)
    {
        // RFC 6749 3.1: parameters must not appear twice; for the two that decide where errors go, refuse outright.
        if (query["client_id"].Count > 1 || query["redirect_uri"].Count > 1)
        {
            return AuthorizationCheck.Page("The request repeats client_id or redirect_uri.");
        }

        var client = clients.Find(query["client_id"]);
        if (client is null)
        {
            return AuthorizationCheck.Page("The application that sent you here is not registered.");
        }

        // OIDC Core 3.1.2.1 and RFC 9700 2.1: exact match, and never redirect to an unverified URI (open redirector).
        string? redirectUri = query["redirect_uri"];
        if (!SimulatorClientRegistry.IsRegisteredRedirect(client, redirectUri))
        {
            return AuthorizationCheck.Page("The application asked to return you to an address it has not registered.");
        }

        return ValidateProtocol(query, client, redirectUri!);
    }

    private static AuthorizationCheck ValidateProtocol(IQueryCollection query, MitIdSimulatorClient client, string redirectUri)
    {
        string? state = query["state"].Count == 1 ? query["state"].ToString() : null;
        AuthorizationCheck Fail(string code, string description) =>
            AuthorizationCheck.RedirectError(new AuthorizationError(redirectUri, state, code, description));

        if (query.Any(p => p.Value.Count > 1))
        {
            return Fail("invalid_request", "A parameter is repeated.");
        }

        if (!string.Equals(query["response_type"], "code", StringComparison.Ordinal))
        {
            return Fail("unsupported_response_type", "Only the authorization code flow is supported.");
        }

        if (string.IsNullOrEmpty(state))
        {
            return Fail("invalid_request", "state is required.");
        }

        // OIDC Core 3.1.2.1: an OpenID request carries the openid scope.
        var scopes = query["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!scopes.Contains("openid", StringComparer.Ordinal))
        {
            return Fail("invalid_scope", "The openid scope is required.");
        }

        string? nonce = query["nonce"];
        if (string.IsNullOrEmpty(nonce))
        {
            return Fail("invalid_request", "nonce is required.");
        }

        // RFC 7636 4.3 and RFC 9700 2.1.1: PKCE required, S256 only; a missing method would mean plain.
        string? challenge = query["code_challenge"];
        if (!string.Equals(query["code_challenge_method"], "S256", StringComparison.Ordinal)
            || !SimulatorSecrets.IsWellFormedChallenge(challenge))
        {
            return Fail("invalid_request", "PKCE with code_challenge_method S256 is required.");
        }

        // OIDC Core 3.1.2.6: the simulator keeps no session, so a silent login can never succeed.
        var prompts = query["prompt"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (prompts.Contains("none", StringComparer.Ordinal))
        {
            return Fail("login_required", "The user must log in.");
        }

        string? acrValues = query["acr_values"];
        string? loginHint = query["login_hint"];
        return AuthorizationCheck.Accepted(new AuthorizationRequest(client, redirectUri, state, nonce, challenge!, acrValues)
        {
            LoginHint = loginHint is { Length: > 0 and <= 254 } ? loginHint : null,
        });
    }
}
