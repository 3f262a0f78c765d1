using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NemLogin.LoadTests.Parties;
using Xunit;

namespace NemLogin.LoadTests.Tests.Parties;

public sealed class IdTokenCheckTests
{
    private const string Issuer = "http://127.0.0.1:5095";
    private const string ClientId = "load-rp";
    private const string Nonce = "n-123";

    private static readonly RsaSecurityKey ProviderKey = new(RSA.Create(2048)) { KeyId = "k1" };

    private static readonly OidcProviderMetadata Provider = new(Issuer, new Uri(Issuer + "/auth"), new Uri(Issuer + "/token"), [ProviderKey]);

    [Fact]
    public async Task Valid_SignedForThisClientWithItsNonce_HasNoProblem()
    {
        Assert.Null(await IdTokenCheck.FindProblemAsync(Token(), Provider, ClientId, Nonce));
    }

    [Fact]
    public async Task WrongNonce_IsAProblem()
    {
        Assert.Contains("nonce", await IdTokenCheck.FindProblemAsync(Token(nonce: "other"), Provider, ClientId, Nonce), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherAudience_IsAProblem()
    {
        Assert.NotNull(await IdTokenCheck.FindProblemAsync(Token(audience: "someone-else"), Provider, ClientId, Nonce));
    }

    [Fact]
    public async Task OtherIssuer_IsAProblem()
    {
        Assert.NotNull(await IdTokenCheck.FindProblemAsync(Token(issuer: "http://127.0.0.1:1"), Provider, ClientId, Nonce));
    }

    [Fact]
    public async Task SignedByAKeyTheProviderDoesNotPublish_IsAProblem()
    {
        var stranger = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "k1" };
        Assert.NotNull(await IdTokenCheck.FindProblemAsync(Token(credentials: new SigningCredentials(stranger, SecurityAlgorithms.RsaSha256)), Provider, ClientId, Nonce));
    }

    [Fact]
    public async Task Expired_IsAProblem()
    {
        Assert.NotNull(await IdTokenCheck.FindProblemAsync(Token(expires: DateTime.UtcNow.AddMinutes(-10)), Provider, ClientId, Nonce));
    }

    [Fact]
    public async Task Unsigned_AlgNone_IsAProblem()
    {
        Assert.NotNull(await IdTokenCheck.FindProblemAsync(Token(signed: false), Provider, ClientId, Nonce));
    }

    [Fact]
    public async Task Hmac_IsAProblemEvenWithAKnownSecret()
    {
        var secret = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "k1" };
        var provider = Provider with { SigningKeys = [ProviderKey, secret] };
        Assert.NotNull(await IdTokenCheck.FindProblemAsync(Token(credentials: new SigningCredentials(secret, SecurityAlgorithms.HmacSha256)), provider, ClientId, Nonce));
    }

    private static string Token(string? nonce = Nonce, string audience = ClientId, string issuer = Issuer, DateTime? expires = null, SigningCredentials? credentials = null, bool signed = true) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = DateTime.UtcNow.AddMinutes(-20),
            NotBefore = DateTime.UtcNow.AddMinutes(-20),
            Expires = expires ?? DateTime.UtcNow.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["sub"] = "alice", ["nonce"] = nonce! },
            SigningCredentials = signed ? credentials ?? new SigningCredentials(ProviderKey, SecurityAlgorithms.RsaSha256) : null,
        });
}
