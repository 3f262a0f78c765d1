using System.Globalization;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NemLogin.Gateway.Login;
using NemLogin.Gateway.Upstream.MitId;
using NemLogin.Grains.Identities;
using NemLogin.Grains.Sessions;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace NemLogin.Gateway.Oidc;

/// <summary>
/// The signed-in principal for one client: <c>sub</c> is the identity's pseudonym for that client; the other claims
/// follow the granted scopes (docs/oiosaml3.md). Every claim goes to the ID token and the access token (userinfo reads it).
/// </summary>
internal static class OidcPrincipal
{
    public static ClaimsPrincipal Create(AttributeRelease release, SessionSnapshot session, IReadOnlyCollection<string> scopes, bool cprEntitled, string sessionId)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        void Add(string type, string? value, string valueType = ClaimValueTypes.String)
        {
            if (!string.IsNullOrEmpty(value))
            {
                identity.AddClaim(new Claim(type, value, valueType));
            }
        }

        Add(Claims.Subject, release.Pseudonym.ToString());
        // OIDC Back-Channel Logout 2.1: the session as this client knows it (never the broker's session id, a bearer secret).
        Add("sid", sessionId);
        Add(Claims.AuthenticationTime, session.AuthnInstant.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64);
        Add(Claims.AuthenticationContextReference, NsisAcr.ToUri(session.Loa));

        // RFC 8176: NSIS Substantial and High require two factors (MitID app or chip); Low may be one.
        Add(Claims.AuthenticationMethodReference, session.Loa >= Grains.Assurance.LevelOfAssurance.Substantial ? "[\"mfa\"]" : "[\"pwd\"]", JsonClaimValueTypes.JsonArray);
        if (scopes.Contains(Scopes.Profile))
        {
            Add(Claims.Name, $"{release.GivenName} {release.FamilyName}");
            Add(Claims.GivenName, release.GivenName);
            Add(Claims.FamilyName, release.FamilyName);
            Add(Claims.Birthdate, release.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (scopes.Contains(Scopes.Email))
        {
            Add(Claims.Email, release.Email);
        }

        if (scopes.Contains(OidcScopes.NemLogin))
        {
            // The simulated upstream proves identity and authenticator at the same level (as the SAML attributes say).
            Add(OidcClaimTypes.Loa, Loa.ToAttributeValue(session.Loa));
            Add(OidcClaimTypes.Ial, Loa.ToAttributeValue(session.Loa));
            Add(OidcClaimTypes.Aal, Loa.ToAttributeValue(session.Loa));
        }

        if (scopes.Contains(OidcScopes.Cpr) && cprEntitled)
        {
            Add(OidcClaimTypes.Cpr, release.CprNumber);
        }

        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(scopes);
        foreach (var claim in identity.Claims)
        {
            claim.SetDestinations(Destinations.IdentityToken, Destinations.AccessToken);
        }

        return principal;
    }
}
