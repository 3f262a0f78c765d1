using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;
using NemLogin.Demo.MitIdSimulator;
using Xunit;

namespace NemLogin.Gateway.Tests.MitIdSimulator;

/// <summary>Hand-built OIDC requests to the simulator, for tests that bend one parameter at a time.</summary>
internal static class OidcRequests
{
    public const string Verifier = "test-verifier-0123456789-abcdefghijklmnopqrstuvwxyz";
    public const string State = "state-123";
    public const string Nonce = "nonce-456";

    public static string Challenge(string verifier = Verifier) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <summary>A valid authorization URL for the broker's client; an override with a null value removes the parameter.</summary>
    public static string AuthorizeUrl(MitIdTestHost host, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = MitIdSimulatorOptions.BrokerClientId,
            ["redirect_uri"] = host.CallbackUrl,
            ["scope"] = "openid profile",
            ["state"] = State,
            ["nonce"] = Nonce,
            ["code_challenge"] = Challenge(),
            ["code_challenge_method"] = "S256",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            parameters[key] = value;
        }

        var present = parameters.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value);
        return QueryHelpers.AddQueryString(host.Issuer + "/authorize", present);
    }

    /// <summary>Logs in through the form and returns the code from the redirect.</summary>
    public static async Task<string> CodeForAsync(MitIdTestHost host, string username = "alice")
    {
        using var browser = host.NewBrowser();
        var location = await browser.LogInAsync(AuthorizeUrl(host), username);
        return QueryHelpers.ParseQuery(location.Query)["code"].ToString();
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> RedeemAsync(
        MitIdTestHost host,
        string code,
        string verifier = Verifier,
        string? redirectUri = null,
        string secret = MitIdSimulatorOptions.DevelopmentClientSecret,
        bool secretInBody = false)
    {
        using var client = new HttpClient();
        var fields = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri ?? host.CallbackUrl,
            ["code_verifier"] = verifier,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, host.Issuer + "/token");
        if (secretInBody)
        {
            fields["client_id"] = MitIdSimulatorOptions.BrokerClientId;
            fields["client_secret"] = secret;
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{MitIdSimulatorOptions.BrokerClientId}:{Uri.EscapeDataString(secret)}")));
        }

        request.Content = new FormUrlEncodedContent(fields);
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone();
        return (response.StatusCode, body, response);
    }
}
