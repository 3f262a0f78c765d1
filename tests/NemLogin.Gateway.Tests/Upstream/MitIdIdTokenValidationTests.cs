using NemLogin.Grains.Errors;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using NemLogin.Gateway.Upstream.MitId;
using NemLogin.Grains.Assurance;
using Xunit;

namespace NemLogin.Gateway.Tests.Upstream;

/// <summary>
/// The ID token checks of OIDC Core 3.1.3.7, against a MitID the test controls: each test changes one thing about
/// an otherwise valid token and expects a refusal with a stable code.
/// </summary>
public sealed class MitIdIdTokenValidationTests
{
    [Fact]
    public async Task CompleteAsync_ValidToken_MapsClaims()
    {
        using var upstream = new FakeUpstream();

        var authentication = await upstream.CompleteWithAsync(upstream.Minter.Sign(IdTokenMinter.ValidClaims(upstream.Clock.GetUtcNow())));

        Assert.Equal(FakeMitIdServer.Issuer, authentication.Authority);
        Assert.Equal("9a8b7c6d-0000-4000-8000-000000000042", authentication.Subject);
        Assert.Equal(LevelOfAssurance.Substantial, authentication.Loa);
        Assert.Equal(new DateOnly(1990, 1, 31), authentication.Person.DateOfBirth);
        Assert.Equal("3101909999", authentication.Person.CprNumber);
    }

    // Algorithm "none" (RFC 8725 2.1): an unsigned token is never accepted.
    [Fact]
    public async Task CompleteAsync_AlgNone_IsTokenInvalid()
    {
        using var upstream = new FakeUpstream();

        var code = await upstream.FailureCodeAsync(IdTokenMinter.Unsigned(IdTokenMinter.ValidClaims(upstream.Clock.GetUtcNow())));

        Assert.Equal(BrokerErrors.Name(BrokerError.UpstreamTokenInvalid), code);
    }

    // Algorithm confusion (RFC 8725 2.1): HS256 keyed with the public RSA key is refused.
    [Fact]
    public async Task CompleteAsync_Hs256WithPublicKeyAsSecret_IsTokenInvalid()
    {
        using var upstream = new FakeUpstream();

        var code = await upstream.FailureCodeAsync(upstream.Minter.SignedWithPublicKeyAsHmacSecret(IdTokenMinter.ValidClaims(upstream.Clock.GetUtcNow())));

        Assert.Equal(BrokerErrors.Name(BrokerError.UpstreamTokenInvalid), code);
    }

    // Malformed tokens are refused with the stable code, not an unhandled exception.
    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("e30.e30.")]
    [InlineData("!!!.e30.c2ln")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln")]
    public async Task CompleteAsync_MalformedToken_IsTokenInvalid(string token)
    {
        using var upstream = new FakeUpstream();

        var code = await upstream.FailureCodeAsync(token);

        Assert.Equal(BrokerErrors.Name(BrokerError.UpstreamTokenInvalid), code);
    }

    // Forged signature: a key MitID never published, even when it claims MitID's kid.
    [Fact]
    public async Task CompleteAsync_SignedByUnpublishedKeyWithPublishedKid_IsTokenInvalid()
    {
        using var upstream = new FakeUpstream();
        using var forger = new IdTokenMinter(upstream.Minter.Key.KeyId!);

        var code = await upstream.FailureCodeAsync(forger.Sign(IdTokenMinter.ValidClaims(upstream.Clock.GetUtcNow())));

        Assert.Equal(BrokerErrors.Name(BrokerError.UpstreamTokenInvalid), code);
    }

    // OIDC Core 3.1.3.7 items 2, 3, 9, 10: issuer, audience, expiry, issue time.
    [Theory]
    [InlineData("iss", "https://other-idp.test")]
    [InlineData("aud", "another-client")]
    [InlineData("exp", -301)]
    [InlineData("iat", 301)]
    [InlineData("auth_time", 301)]
    [InlineData("acr", "https://data.gov.dk/concept/core/nsis/loa/Unknown")]
    [InlineData("birthdate", "31-01-1990")]
    [InlineData("dk:cpr", "31019O9999")]
    public async Task CompleteAsync_OneClaimWrong_IsTokenInvalid(string claim, object value)
    {
        using var upstream = new FakeUpstream();
        var now = upstream.Clock.GetUtcNow();
        var claims = IdTokenMinter.ValidClaims(now);
        claims[claim] = value is int offset ? now.AddSeconds(offset).ToUnixTimeSeconds() : value;

        var code = await upstream.FailureCodeAsync(upstream.Minter.Sign(claims));

        Assert.Equal(BrokerErrors.Name(BrokerError.UpstreamTokenInvalid), code);
    }

    [Theory]
    [InlineData("sub")]
    [InlineData("iat")]
    [InlineData("exp")]
    [InlineData("acr")]
    [InlineData("auth_time")]
    [InlineData("given_name")]
    [InlineData("birthdate")]
    public async Task CompleteAsync_RequiredClaimMissing_IsTokenInvalid(string claim)
    {
        using var upstream = new FakeUpstream();
        var claims = IdTokenMinter.ValidClaims(upstream.Clock.GetUtcNow());
        claims.Remove(claim);

        var code = await upstream.FailureCodeAsync(upstream.Minter.Sign(claims));

        Assert.Equal(BrokerErrors.Name(BrokerError.UpstreamTokenInvalid), code);
    }

    // Clock skew of 5 minutes (docs/oiosaml3.md, Time): a token expired 4 minutes ago is still accepted.
    [Fact]
    public async Task CompleteAsync_ExpiredWithinSkew_IsAccepted()
    {
        using var upstream = new FakeUpstream();
        var token = upstream.Minter.Sign(IdTokenMinter.ValidClaims(upstream.Clock.GetUtcNow()));

        upstream.Clock.Advance(TimeSpan.FromMinutes(9));
        var authentication = await upstream.CompleteWithAsync(token);

        Assert.Equal(LevelOfAssurance.Substantial, authentication.Loa);
    }

    // OIDC Core 3.1.3.7 items 4-5: several audiences need azp naming the broker.
    [Fact]
    public async Task CompleteAsync_SeveralAudiencesWithoutAzp_IsTokenInvalid()
    {
        using var upstream = new FakeUpstream();
        var claims = IdTokenMinter.ValidClaims(upstream.Clock.GetUtcNow());
        claims["aud"] = new[] { FakeMitIdServer.ClientId, "another-client" };

        var code = await upstream.FailureCodeAsync(upstream.Minter.Sign(claims));

        Assert.Equal(BrokerErrors.Name(BrokerError.UpstreamTokenInvalid), code);
    }

    // Replay of a token minted for another login: its nonce is not this login's.
    [Fact]
    public async Task CompleteAsync_OtherNonce_IsNonceMismatch()
    {
        using var upstream = new FakeUpstream();
        var claims = IdTokenMinter.ValidClaims(upstream.Clock.GetUtcNow());
        claims["nonce"] = "nonce-of-another-login";

        var code = await upstream.FailureCodeAsync(upstream.Minter.Sign(claims));

        Assert.Equal(BrokerErrors.Name(BrokerError.UpstreamNonceMismatch), code);
    }

    // Key rotation: a token under a kid not yet seen causes one JWKS refetch, and then validates.
    [Fact]
    public async Task CompleteAsync_TokenUnderNewlyRotatedKey_RefetchesJwksOnceAndAccepts()
    {
        using var upstream = new FakeUpstream();
        await upstream.CompleteWithAsync(upstream.Minter.Sign(IdTokenMinter.ValidClaims(upstream.Clock.GetUtcNow())));
        using var rotated = new IdTokenMinter("key-2");
        rotated.PublishTo(upstream.Server);
        upstream.Clock.Advance(TimeSpan.FromMinutes(1));

        var authentication = await upstream.CompleteWithAsync(rotated.Sign(IdTokenMinter.ValidClaims(upstream.Clock.GetUtcNow())));

        Assert.Equal(LevelOfAssurance.Substantial, authentication.Loa);
        Assert.Equal(2, upstream.Server.JwksFetches);
    }

    // A token naming unknown kids cannot make every login fetch the JWKS: one refetch, then rate-limited.
    [Fact]
    public async Task CompleteAsync_RepeatedUnknownKid_RefetchesAtMostOnceInTenSeconds()
    {
        using var upstream = new FakeUpstream();
        await upstream.CompleteWithAsync(upstream.Minter.Sign(IdTokenMinter.ValidClaims(upstream.Clock.GetUtcNow())));
        upstream.Clock.Advance(TimeSpan.FromMinutes(1));
        using var stranger = new IdTokenMinter("unknown-kid");
        var token = stranger.Sign(IdTokenMinter.ValidClaims(upstream.Clock.GetUtcNow()));

        Assert.Equal(BrokerErrors.Name(BrokerError.UpstreamTokenInvalid), await upstream.FailureCodeAsync(token));
        Assert.Equal(BrokerErrors.Name(BrokerError.UpstreamTokenInvalid), await upstream.FailureCodeAsync(token));
        Assert.Equal(BrokerErrors.Name(BrokerError.UpstreamTokenInvalid), await upstream.FailureCodeAsync(token));

        Assert.Equal(2, upstream.Server.JwksFetches);
    }

    // OIDC Discovery 4.3: a discovery document naming another issuer is not MitID's.
    [Fact]
    public async Task CompleteAsync_DiscoveryNamesAnotherIssuer_IsMetadataUnavailable()
    {
        using var upstream = new FakeUpstream();
        upstream.Server.DiscoveryIssuer = "https://evil.test";

        var code = await upstream.FailureCodeAsync(upstream.Minter.Sign(IdTokenMinter.ValidClaims(upstream.Clock.GetUtcNow())));

        Assert.Equal(BrokerErrors.Name(BrokerError.UpstreamMetadataUnavailable), code);
    }

    // RFC 6749 3.1: a repeated callback parameter could smuggle a second code or issuer.
    [Fact]
    public async Task CompleteAsync_RepeatedCodeParameter_IsResponseInvalid()
    {
        using var upstream = new FakeUpstream();
        var token = upstream.Minter.Sign(IdTokenMinter.ValidClaims(upstream.Clock.GetUtcNow()));

        var code = await upstream.FailureCodeAsync(token, "?code=a&code=b&state=flow&iss=https%3A%2F%2Fmitid.test");

        Assert.Equal(BrokerErrors.Name(BrokerError.UpstreamResponseInvalid), code);
    }

    [Fact]
    public async Task CompleteAsync_ErrorOtherThanAccessDenied_IsUpstreamError()
    {
        using var upstream = new FakeUpstream();

        var code = await upstream.FailureCodeAsync("unused", "?error=server_error&state=flow&iss=https%3A%2F%2Fmitid.test");

        Assert.Equal(BrokerErrors.Name(BrokerError.UpstreamError), code);
    }

    [Fact]
    public async Task CompleteAsync_Exchange_SendsClientSecretBasicVerifierAndRedirectUri()
    {
        using var upstream = new FakeUpstream();

        await upstream.CompleteWithAsync(upstream.Minter.Sign(IdTokenMinter.ValidClaims(upstream.Clock.GetUtcNow())));

        var authorization = upstream.Server.LastTokenRequest!.Headers.Authorization!;
        Assert.Equal("Basic", authorization.Scheme);
        Assert.Equal(
            $"{FakeMitIdServer.ClientId}:{FakeMitIdServer.ClientSecret}",
            System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(authorization.Parameter!)));
        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery("?" + upstream.Server.LastTokenRequestBody);
        Assert.Equal("authorization_code", form["grant_type"].ToString());
        Assert.Equal("the-code", form["code"].ToString());
        Assert.Equal(FakeUpstream.Pending.UpstreamCodeVerifier, form["code_verifier"].ToString());
        Assert.Equal("https://broker.test/upstream/mitid/callback", form["redirect_uri"].ToString());
        Assert.False(form.ContainsKey("client_secret"));
    }

    [Fact]
    public async Task CompleteAsync_Es256Token_IsAccepted()
    {
        using var upstream = new FakeUpstream();
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var point = ecdsa.ExportParameters(includePrivateParameters: false).Q;
        upstream.Server.PublishedKeys.Add(new JsonObject
        {
            ["kty"] = "EC",
            ["crv"] = "P-256",
            ["x"] = Base64UrlEncoder.Encode(point.X),
            ["y"] = Base64UrlEncoder.Encode(point.Y),
            ["kid"] = "ec-1",
            ["use"] = "sig",
        });
        var credentials = new SigningCredentials(new ECDsaSecurityKey(ecdsa) { KeyId = "ec-1" }, SecurityAlgorithms.EcdsaSha256);

        var authentication = await upstream.CompleteWithAsync(IdTokenMinter.Sign(IdTokenMinter.ValidClaims(upstream.Clock.GetUtcNow()), credentials));

        Assert.Equal(LevelOfAssurance.Substantial, authentication.Loa);
    }
}
