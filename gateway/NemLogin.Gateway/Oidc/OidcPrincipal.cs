using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
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
    public static ClaimsPrincipal Create(SessionAssertion assertion, IReadOnlyCollection<string> scopes, bool cprEntitled)
    {
        var (session, release, participant) = (assertion.Session!, assertion.Release!, assertion.Participant!);
        var professional = assertion.Professional;
        var loa = assertion.Loa;
        var sessionId = participant.SessionIndex;
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        void Add(string type, string? value, string valueType = ClaimValueTypes.String)
        {
            if (!string.IsNullOrEmpty(value))
            {
                identity.AddClaim(new Claim(type, value, valueType));
            }
        }

        // The employee's business identity (persistent, as OIOSAML's professional UUID), or the person's pseudonym for this client.
        Add(Claims.Subject, professional is not null ? professional.Id.ToString() : release.Pseudonym.ToString());
        // OIDC Back-Channel Logout 2.1: the session as this client knows it (never the broker's session id, a bearer secret).
        Add("sid", sessionId);
        Add(Claims.AuthenticationTime, session.AuthnInstant.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64);
        Add(Claims.AuthenticationContextReference, NsisAcr.ToUri(loa));

        // RFC 8176: NSIS Substantial and High require two factors (MitID app or chip); Low may be one.
        Add(Claims.AuthenticationMethodReference, loa >= Grains.Assurance.LevelOfAssurance.Substantial ? "[\"mfa\"]" : "[\"pwd\"]", JsonClaimValueTypes.JsonArray);
        if (scopes.Contains(Scopes.Profile))
        {
            Add(Claims.Name, $"{release.GivenName} {release.FamilyName}");
            Add(Claims.GivenName, release.GivenName);
            Add(Claims.FamilyName, release.FamilyName);
            if (professional is null)
            {
                Add(Claims.Birthdate, release.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
        }

        if (scopes.Contains(Scopes.Email))
        {
            Add(Claims.Email, release.Email);
        }

        if (scopes.Contains(OidcScopes.NemLogin))
        {
            // The simulated upstream proves identity and authenticator at the same level (as the SAML attributes say).
            Add(OidcClaimTypes.Loa, Loa.ToAttributeValue(loa));
            Add(OidcClaimTypes.Ial, Loa.ToAttributeValue(loa));
            Add(OidcClaimTypes.Aal, Loa.ToAttributeValue(loa));
        }

        // Fuldmagt: the mandate's privileges scoped to the grantor (for an employee they come as the professional privileges
        // below), and whom the person acts for (the grantor's scope URN).
        if (assertion.OnBehalfOf is { } mandate)
        {
            if (professional is null)
            {
                AddPrivileges(mandate.Privileges);
            }

            Add(OidcClaimTypes.Act, JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["sub"] = mandate.Scope.Urn,
                ["mandate_id"] = mandate.MandateId.ToString(),
            }), JsonClaimValueTypes.Json);
        }

        if (professional is not null)
        {
            Add(OidcClaimTypes.Cvr, professional.Cvr);
            Add(OidcClaimTypes.OrgName, professional.OrganisationName ?? professional.Cvr);
            Add(OidcClaimTypes.ProductionUnit, professional.ProductionUnit);
            Add(OidcClaimTypes.SeNumber, professional.SeNumber);
            AddPrivileges(professional.Privileges);
        }

        void AddPrivileges(System.Collections.Immutable.ImmutableArray<Grains.Rights.GrantedPrivilege> privileges) =>
            Add(OidcClaimTypes.Privileges, JsonSerializer.Serialize(PrivilegeGroups.From(privileges).Select(g => new
            {
                scope = g.Scope,
                privileges = g.Privileges,
                constraints = g.Constraints.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal),
            })), JsonClaimValueTypes.JsonArray);

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
