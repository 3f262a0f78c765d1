using NemLogin.Grains.Errors;
using System.Globalization;
using Microsoft.IdentityModel.JsonWebTokens;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.Identities;

namespace NemLogin.Gateway.Upstream.MitId;

/// <summary>Turns a validated MitID ID token into the broker's <see cref="UpstreamAuthentication"/>.</summary>
internal static class MitIdClaims
{
    public const string Cpr = "dk:cpr";

    public static UpstreamAuthentication Map(JsonWebToken token, string authority)
    {
        var subject = Required(token, JwtRegisteredClaimNames.Sub);

        // OIOSAML 3 / NSIS: the level comes only from a recognised acr, never assumed.
        var loa = NsisAcr.FromUri(Optional(token, JwtRegisteredClaimNames.Acr));
        if (loa == LevelOfAssurance.None)
        {
            throw Invalid("The ID token has no recognised NSIS acr.");
        }

        // OIDC Core 2: auth_time is required when login was forced (prompt=login); the broker always needs it.
        if (!token.TryGetPayloadValue<long>(JwtRegisteredClaimNames.AuthTime, out var authTime))
        {
            throw Invalid("The ID token has no auth_time.");
        }

        if (!DateOnly.TryParseExact(Required(token, JwtRegisteredClaimNames.Birthdate), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birthDate))
        {
            throw Invalid("The ID token's birthdate is not yyyy-MM-dd.");
        }

        var cpr = Optional(token, Cpr);
        if (cpr is not null && (cpr.Length != 10 || !cpr.All(char.IsAsciiDigit)))
        {
            throw Invalid("The ID token's CPR number is not ten digits.");
        }

        var person = new PersonAttributes(
            Required(token, JwtRegisteredClaimNames.GivenName),
            Required(token, JwtRegisteredClaimNames.FamilyName),
            birthDate,
            cpr,
            Optional(token, JwtRegisteredClaimNames.Email));
        return new UpstreamAuthentication(authority, subject, loa, DateTimeOffset.FromUnixTimeSeconds(authTime), person);
    }

    private static string Required(JsonWebToken token, string claim) =>
        Optional(token, claim) ?? throw Invalid($"The ID token has no {claim}.");

    private static string? Optional(JsonWebToken token, string claim) =>
        token.TryGetPayloadValue<string>(claim, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    private static UpstreamException Invalid(string message) => new(BrokerErrors.Name(BrokerError.UpstreamTokenInvalid), message);
}
