using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NemLogin.Grains.Assurance;
using NemLogin.Saml;

namespace NemLogin.Demo.MitIdSimulator;

/// <summary>Signs the ID token for a redeemed code (OIDC Core 2), with MitID-like claims.</summary>
internal sealed class IdTokenIssuer(SimulatorSigningKey key, SimulatorUrls urls, TimeProvider time, IOptions<MitIdSimulatorOptions> options)
{
    /// <summary>The claim carrying the CPR number, as Danish OIDC brokers of MitID name it.</summary>
    public const string CprClaim = "dk:cpr";

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public string Issue(IssuedCode code)
    {
        var now = time.GetUtcNow();
        var user = code.User;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = urls.Issuer,
            Audience = code.ClientId,
            IssuedAt = now.UtcDateTime,
            Expires = (now + options.Value.IdTokenLifetime).UtcDateTime,
            SigningCredentials = key.Credentials,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = user.MitIdUuid.ToString(),
                [JwtRegisteredClaimNames.AuthTime] = code.AuthTime.ToUnixTimeSeconds(),
                [JwtRegisteredClaimNames.Nonce] = code.Nonce,
                [JwtRegisteredClaimNames.Acr] = AcrFor(user.Loa),
                [JwtRegisteredClaimNames.GivenName] = user.GivenName,
                [JwtRegisteredClaimNames.FamilyName] = user.FamilyName,
                [JwtRegisteredClaimNames.Birthdate] = user.DateOfBirth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                [JwtRegisteredClaimNames.Email] = user.Email,
                [CprClaim] = user.CprNumber,
            },
        };
        return _handler.CreateToken(descriptor);
    }

    /// <summary>The user's own level: the simulator does not step up, so a broker asking for more sees what it got.</summary>
    private static string AcrFor(LevelOfAssurance loa) => loa switch
    {
        LevelOfAssurance.Low => SamlConstants.OioSaml.LoaLow,
        LevelOfAssurance.Substantial => SamlConstants.OioSaml.LoaSubstantial,
        LevelOfAssurance.High => SamlConstants.OioSaml.LoaHigh,
        _ => throw new InvalidOperationException("Test users have a level of assurance."),
    };
}
