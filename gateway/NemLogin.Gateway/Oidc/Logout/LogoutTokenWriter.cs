using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using NemLogin.Gateway.Oidc.Signing;
using NemLogin.Gateway.Signing;
using NemLogin.Grains.Signing;

namespace NemLogin.Gateway.Oidc.Logout;

/// <summary>
/// OIDC Back-Channel Logout 1.0 §2.4 logout tokens, signed in the signer pool with the current token-signing key. Written
/// here rather than through OpenIddict, so the signature is awaited (no synchronous wait on this path).
/// </summary>
internal sealed class LogoutTokenWriter(IGrainFactory grains, TokenSigningKeys keys, TimeProvider time)
{
    public const string Event = "http://schemas.openid.net/event/backchannel-logout";

    public async Task<string> WriteAsync(string issuer, string clientId, string subject, string sid, CancellationToken cancellationToken)
    {
        var key = (await keys.EnsureAsync(cancellationToken)).Current;
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var header = Json(new Dictionary<string, object> { ["alg"] = key.Algorithm, ["kid"] = key.Info.KeyId, ["typ"] = "logout+jwt" });
        var payload = Json(new Dictionary<string, object>
        {
            ["iss"] = issuer,
            ["aud"] = clientId,
            ["iat"] = now,
            ["exp"] = now + 120,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["sub"] = subject,
            ["sid"] = sid,
            ["events"] = new Dictionary<string, object> { [Event] = new Dictionary<string, object>() },
        });
        var signingInput = header + "." + payload;
        var algorithm = key.Algorithm == SecurityAlgorithms.EcdsaSha256 ? SigningAlgorithm.EcdsaP256Sha256 : SigningAlgorithm.RsaPkcs1Sha256;
        var signature = await TokenSignature.SignAsync(grains, keys, key, key.Algorithm, Encoding.ASCII.GetBytes(signingInput), cancellationToken);
        return signingInput + "." + Base64UrlEncoder.Encode(signature);
    }

    private static string Json(object value) => Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(value));
}
