using System.Text.Json.Nodes;
using NemLogin.Saml;

namespace NemLogin.Demo.MitIdSimulator;

/// <summary>Discovery (OIDC Discovery 1.0 section 3) and the JWKS the ID tokens verify against.</summary>
internal static class DiscoveryEndpointHandlers
{
    public static IResult Configuration(SimulatorUrls urls) => TypedResults.Json(new JsonObject
    {
        ["issuer"] = urls.Issuer,
        ["authorization_endpoint"] = urls.AuthorizationEndpoint,
        ["token_endpoint"] = urls.TokenEndpoint,
        ["jwks_uri"] = urls.JwksUri,
        ["response_types_supported"] = new JsonArray("code"),
        ["response_modes_supported"] = new JsonArray("query"),
        ["grant_types_supported"] = new JsonArray("authorization_code"),
        ["subject_types_supported"] = new JsonArray("public"),
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["scopes_supported"] = new JsonArray("openid", "profile"),
        ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_basic", "client_secret_post"),
        ["code_challenge_methods_supported"] = new JsonArray("S256"),
        ["prompt_values_supported"] = new JsonArray("none", "login"),
        ["acr_values_supported"] = new JsonArray(
            SamlConstants.OioSaml.LoaLow, SamlConstants.OioSaml.LoaSubstantial, SamlConstants.OioSaml.LoaHigh),
        ["claims_supported"] = new JsonArray(
            "iss", "sub", "aud", "iat", "exp", "auth_time", "nonce", "acr",
            "given_name", "family_name", "birthdate", "email", IdTokenIssuer.CprClaim),
        // RFC 9207 3: promises iss in every authorization response, so clients may insist on it.
        ["authorization_response_iss_parameter_supported"] = true,
    });

    public static IResult Jwks(SimulatorSigningKey key) => TypedResults.Json(new JsonObject
    {
        ["keys"] = new JsonArray(key.PublicJwk()),
    });
}
