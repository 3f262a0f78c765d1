namespace NemLogin.Demo.MitIdSimulator;

/// <summary>
/// The outcome of checking an authorization request: accepted, an error redirected to the client, or an error page
/// shown to the user because the redirect URI cannot be trusted (RFC 6749 4.1.2.1).
/// </summary>
internal sealed record AuthorizationCheck(AuthorizationRequest? Request, AuthorizationError? Redirect, string? PageError)
{
    public static AuthorizationCheck Accepted(AuthorizationRequest request) => new(request, null, null);

    public static AuthorizationCheck RedirectError(AuthorizationError error) => new(null, error, null);

    public static AuthorizationCheck Page(string message) => new(null, null, message);
}
