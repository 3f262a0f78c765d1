using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace NemLogin.Gateway.Oidc.Endpoints;

/// <summary>Userinfo: the claims the access token (validated by OpenIddict) carries for the client, nothing else.</summary>
internal static class UserInfoEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (result.Principal is not { } principal)
        {
            return OidcResults.Error(Errors.InvalidToken, "The access token is not valid.");
        }

        var claims = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var claim in principal.Claims.Where(c => OidcClaimTypes.Released.Contains(c.Type)))
        {
            claims[claim.Type] = claim.ValueType switch
            {
                Microsoft.IdentityModel.JsonWebTokens.JsonClaimValueTypes.JsonArray => JsonDocument.Parse(claim.Value).RootElement.Clone(),
                System.Security.Claims.ClaimValueTypes.Integer64 or System.Security.Claims.ClaimValueTypes.Integer => long.Parse(claim.Value, System.Globalization.CultureInfo.InvariantCulture),
                _ => claim.Value,
            };
        }

        return TypedResults.Json(claims);
    }
}
