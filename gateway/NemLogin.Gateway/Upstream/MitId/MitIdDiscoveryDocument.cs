using System.Text.Json.Serialization;

namespace NemLogin.Gateway.Upstream.MitId;

/// <summary>The members of MitID's discovery document the broker uses (OIDC Discovery 3, RFC 9207 3).</summary>
internal sealed record MitIdDiscoveryDocument(
    [property: JsonPropertyName("issuer")] string? Issuer,
    [property: JsonPropertyName("authorization_endpoint")] string? AuthorizationEndpoint,
    [property: JsonPropertyName("token_endpoint")] string? TokenEndpoint,
    [property: JsonPropertyName("jwks_uri")] string? JwksUri,
    [property: JsonPropertyName("authorization_response_iss_parameter_supported")] bool IssParameterSupported);
