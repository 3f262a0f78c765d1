using System.Text.Json.Serialization;

namespace NemLogin.Demo.MitIdSimulator;

/// <summary>An error response of the token endpoint (RFC 6749 5.2).</summary>
internal sealed record TokenErrorResponse(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string Description);
