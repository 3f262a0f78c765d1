using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace NemLogin.Gateway.Tests.Upstream;

/// <summary>
/// MitID's back channel as an in-process handler for the "mitid" HttpClient: discovery, JWKS and a token endpoint
/// that answers with whatever ID token the test chose. Lets a test play a hostile or rotating upstream.
/// </summary>
internal sealed class FakeMitIdServer : HttpMessageHandler
{
    public const string Issuer = "https://mitid.test";
    public const string ClientId = "nemlogin-broker";
    public const string ClientSecret = "fake-mitid-secret";

    public List<JsonObject> PublishedKeys { get; } = [];

    public string DiscoveryIssuer { get; set; } = Issuer;

    public Func<string> IdToken { get; set; } = () => throw new InvalidOperationException("No ID token configured.");

    public int JwksFetches { get; private set; }

    public HttpRequestMessage? LastTokenRequest { get; private set; }

    public string? LastTokenRequestBody { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        switch (request.RequestUri!.AbsolutePath)
        {
            case "/.well-known/openid-configuration":
                return Json(new JsonObject
                {
                    ["issuer"] = DiscoveryIssuer,
                    ["authorization_endpoint"] = Issuer + "/authorize",
                    ["token_endpoint"] = Issuer + "/token",
                    ["jwks_uri"] = Issuer + "/jwks",
                    ["authorization_response_iss_parameter_supported"] = true,
                });
            case "/jwks":
                JwksFetches++;
                return Json(new JsonObject { ["keys"] = new JsonArray([.. PublishedKeys.Select(k => k.DeepClone())]) });
            case "/token":
                LastTokenRequest = request;
                LastTokenRequestBody = await request.Content!.ReadAsStringAsync(cancellationToken);
                return Json(new JsonObject { ["id_token"] = IdToken(), ["token_type"] = "Bearer", ["access_token"] = "at", ["expires_in"] = 300 });
            default:
                return new HttpResponseMessage(HttpStatusCode.NotFound);
        }
    }

    private static HttpResponseMessage Json(JsonObject body) => new(HttpStatusCode.OK) { Content = JsonContent.Create(body) };
}
