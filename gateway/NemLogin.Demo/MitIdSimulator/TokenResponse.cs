using System.Text.Json.Serialization;

namespace NemLogin.Demo.MitIdSimulator;

/// <summary>A successful token response (RFC 6749 5.1, OIDC Core 3.1.3.3).</summary>
internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("id_token")] string IdToken);
