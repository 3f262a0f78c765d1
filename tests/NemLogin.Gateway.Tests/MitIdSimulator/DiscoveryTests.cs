using System.Text.Json;
using Xunit;

namespace NemLogin.Gateway.Tests.MitIdSimulator;

/// <summary>The discovery document and JWKS a relying party configures itself from (OIDC Discovery 3 and 4.3).</summary>
public sealed class DiscoveryTests
{
    [Fact]
    public async Task Discovery_Document_NamesIssuerEndpointsAndPkceS256Only()
    {
        await using var host = await MitIdTestHost.StartAsync();
        using var client = new HttpClient();

        var json = await client.GetStringAsync(host.Issuer + "/.well-known/openid-configuration", TestContext.Current.CancellationToken);
        var document = JsonDocument.Parse(json).RootElement;

        Assert.Equal(host.Issuer, document.GetProperty("issuer").GetString());
        Assert.Equal(host.Issuer + "/authorize", document.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(host.Issuer + "/token", document.GetProperty("token_endpoint").GetString());
        Assert.Equal(["S256"], document.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["RS256"], document.GetProperty("id_token_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.True(document.GetProperty("authorization_response_iss_parameter_supported").GetBoolean());
    }

    // A JWKS must publish public keys only: a leaked private member would let anyone mint MitID tokens.
    [Fact]
    public async Task Jwks_Key_IsPublicRsaWithThumbprintKid()
    {
        await using var host = await MitIdTestHost.StartAsync();
        using var client = new HttpClient();

        var json = await client.GetStringAsync(host.Issuer + "/jwks", TestContext.Current.CancellationToken);
        var key = Assert.Single(JsonDocument.Parse(json).RootElement.GetProperty("keys").EnumerateArray());

        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.Equal(43, key.GetProperty("kid").GetString()!.Length);
        Assert.Equal(
            ["alg", "e", "kid", "kty", "n", "use"],
            key.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }
}
