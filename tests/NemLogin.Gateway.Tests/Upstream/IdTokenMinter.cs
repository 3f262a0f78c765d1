using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace NemLogin.Gateway.Tests.Upstream;

/// <summary>Mints ID tokens as a (possibly hostile) MitID would, claim by claim, with keys the test controls.</summary>
internal sealed class IdTokenMinter : IDisposable
{
    public const string Nonce = "nonce-of-this-login";
    private readonly RSA _rsa = RSA.Create(2048);

    public IdTokenMinter(string keyId)
    {
        Key = new RsaSecurityKey(_rsa) { KeyId = keyId };
    }

    public RsaSecurityKey Key { get; }

    /// <summary>The public JWK to publish in the fake JWKS.</summary>
    public JsonObject PublicJwk()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = Key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    }

    public void PublishTo(FakeMitIdServer server) => server.PublishedKeys.Add(PublicJwk());

    /// <summary>The claims a valid MitID ID token for the fake issuer carries; tests edit one at a time.</summary>
    public static Dictionary<string, object> ValidClaims(DateTimeOffset now) => new()
    {
        ["iss"] = FakeMitIdServer.Issuer,
        ["aud"] = FakeMitIdServer.ClientId,
        ["sub"] = "9a8b7c6d-0000-4000-8000-000000000042",
        ["iat"] = now.ToUnixTimeSeconds(),
        ["exp"] = now.AddMinutes(5).ToUnixTimeSeconds(),
        ["auth_time"] = now.ToUnixTimeSeconds(),
        ["nonce"] = Nonce,
        ["acr"] = "https://data.gov.dk/concept/core/nsis/loa/Substantial",
        ["given_name"] = "Test",
        ["family_name"] = "Person",
        ["birthdate"] = "1990-01-31",
        ["email"] = "test.person@example.com",
        ["dk:cpr"] = "3101909999",
    };

    public string Sign(Dictionary<string, object> claims, string algorithm = SecurityAlgorithms.RsaSha256) =>
        Sign(claims, new SigningCredentials(Key, algorithm));

    public static string Sign(Dictionary<string, object> claims, SigningCredentials credentials) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = credentials,
        });

    /// <summary>An unsecured JWT (RFC 7519 6): header alg "none", empty signature.</summary>
    public static string Unsigned(Dictionary<string, object> claims)
    {
        var header = Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        var payload = Base64UrlEncoder.Encode(System.Text.Json.JsonSerializer.Serialize(claims));
        return header + "." + payload + ".";
    }

    /// <summary>HS256 keyed with the published public key's bytes: the classic RS256/HS256 confusion attack.</summary>
    public string SignedWithPublicKeyAsHmacSecret(Dictionary<string, object> claims)
    {
        var secret = Encoding.UTF8.GetBytes(PublicJwk().ToJsonString());
        var key = new SymmetricSecurityKey(secret) { KeyId = Key.KeyId };
        return Sign(claims, new SigningCredentials(key, SecurityAlgorithms.HmacSha256));
    }

    public void Dispose() => _rsa.Dispose();
}
