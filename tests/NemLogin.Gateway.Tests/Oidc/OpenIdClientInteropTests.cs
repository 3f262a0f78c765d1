using System.Text.Json;
using NemLogin.Gateway.Tests.Support;
using Xunit;

namespace NemLogin.Gateway.Tests.Oidc;

/// <summary>
/// A relying party we did not write (openid-client, unmodified) discovers the broker, logs in through the MitID simulator
/// and accepts what it gets: iss in the response, state, nonce, PKCE, the ID token's signature against JWKS, userinfo's
/// subject, and a rotated refresh token.
/// </summary>
public sealed class OpenIdClientInteropTests(OidcBroker broker) : IClassFixture<OidcBroker>
{
    [Fact]
    public async Task OpenIdClient_Unmodified_LogsInVerifiesIdTokenAndRotatesRefreshToken()
    {
        var interop = ExternalTool.InteropDirectory();
        Assert.True(Directory.Exists(Path.Combine(interop, "node_modules", "openid-client")), "Run the test command (./test.sh): it installs the npm packages of tests/interop.");

        var run = await ExternalTool.RunAsync("node", [
            "openid-client-rp.mjs", "login", "--broker", broker.BaseUrl, "--client-id", broker.ClientId,
            "--client-secret", OidcBroker.Secret, "--redirect-uri", broker.RedirectUri, "--user", "alice"], interop);

        Assert.True(run.ExitCode == 0, $"openid-client refused: {run.StandardOutput}\n{run.StandardError}");
        using var result = JsonDocument.Parse(run.StandardOutput);
        var claims = result.RootElement.GetProperty("claims");
        Assert.Equal(broker.BaseUrl + "/", claims.GetProperty("iss").GetString());
        Assert.Equal(claims.GetProperty("sub").GetString(), result.RootElement.GetProperty("userinfo").GetProperty("sub").GetString());
        Assert.Equal("Substantial", result.RootElement.GetProperty("userinfo").GetProperty("loa").GetString());
        Assert.True(result.RootElement.GetProperty("refreshed").GetBoolean());
    }
}
