using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;

namespace NemLogin.Gateway.Oidc.Endpoints;

/// <summary>Answers through OpenIddict: an error to the client's redirect URI, or a sign-in that issues the code/tokens.</summary>
internal static class OidcResults
{
    public static IResult Error(string error, string description) => TypedResults.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    public static IResult SignIn(System.Security.Claims.ClaimsPrincipal principal) =>
        TypedResults.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
}
