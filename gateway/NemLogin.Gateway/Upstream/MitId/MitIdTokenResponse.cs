using System.Text.Json.Serialization;

namespace NemLogin.Gateway.Upstream.MitId;

/// <summary>The token endpoint's answer, success (RFC 6749 5.1) or error (5.2).</summary>
internal sealed record MitIdTokenResponse(
    [property: JsonPropertyName("id_token")] string? IdToken,
    [property: JsonPropertyName("token_type")] string? TokenType,
    [property: JsonPropertyName("error")] string? Error);
