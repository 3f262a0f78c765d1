using Microsoft.AspNetCore.WebUtilities;

namespace NemLogin.Demo.MitIdSimulator;

/// <summary>Builds the redirects back to the client. Every one carries <c>iss</c> (RFC 9207 2) so the client can detect mix-up.</summary>
internal static class AuthorizationResponse
{
    public static string Success(string redirectUri, string code, string state, string issuer) =>
        QueryHelpers.AddQueryString(redirectUri, new Dictionary<string, string?>
        {
            ["code"] = code,
            ["state"] = state,
            ["iss"] = issuer,
        });

    public static string Error(AuthorizationError error, string issuer)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["error"] = error.Code,
            ["error_description"] = error.Description,
        };
        if (error.State is not null)
        {
            parameters["state"] = error.State;
        }

        parameters["iss"] = issuer;
        return QueryHelpers.AddQueryString(error.RedirectUri, parameters);
    }
}
