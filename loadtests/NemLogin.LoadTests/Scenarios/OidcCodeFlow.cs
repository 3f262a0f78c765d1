using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;
using NemLogin.LoadTests.Engine;
using NemLogin.LoadTests.Http;
using NemLogin.LoadTests.Metrics;
using NemLogin.LoadTests.Parties;

namespace NemLogin.LoadTests.Scenarios;

/// <summary>
/// The steps of an OpenID Connect login as a browser and a relying party make them: the authorization request (PKCE S256),
/// the MitID simulator's form, the way back through the broker to the redirect URI, and the code redeemed at the token
/// endpoint with client_secret_basic.
/// </summary>
public static class OidcCodeFlow
{
    public static async Task<JsonElement> LogInAsync(ScenarioContext context, OidcLoadClient client, string user)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(client);
        var verifier = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var state = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var parameters = new Dictionary<string, string>
        {
            ["client_id"] = client.ClientId,
            ["response_type"] = "code",
            ["scope"] = "openid profile nemlogin offline_access",
            ["redirect_uri"] = client.RedirectUri,
            ["state"] = state,
            ["nonce"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        };
        var authorize = new Uri(client.Broker, "/connect/authorize") + "?"
            + string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));

        HttpPage page = null!;
        await context.StepAsync("oidc-authorize", async ct =>
        {
            page = await context.Browser.GetAsync(new Uri(authorize), ct);
            return page.IsRedirect ? StepOutcome.Ok(Status(page), page.Bytes) : Unexpected(page, "a redirect to the upstream");
        });

        HtmlForm form = null!;
        await context.StepAsync("mitid-authorize", async ct =>
        {
            page = await context.Browser.GetAsync(page.Location!, ct);
            form = page.Status == 200 ? HtmlForm.Find(page)! : null!;
            return form is not null ? StepOutcome.Ok(Status(page), page.Bytes) : Unexpected(page, "the simulator's login form");
        });

        await context.StepAsync("mitid-login", async ct =>
        {
            var fields = new Dictionary<string, string>(form.Fields, StringComparer.Ordinal) { ["username"] = user, ["action"] = "login" };
            page = await context.Browser.PostFormAsync(form.Action, fields, ct);
            return page.IsRedirect ? StepOutcome.Ok(Status(page), page.Bytes) : Unexpected(page, "a redirect back to the broker");
        });

        await context.StepAsync("upstream-callback", async ct =>
        {
            page = await context.Browser.GetAsync(page.Location!, ct);
            return page.IsRedirect ? StepOutcome.Ok(Status(page), page.Bytes) : Unexpected(page, "a redirect to the authorization request");
        });

        string code = null!;
        await context.StepAsync("oidc-authorize-return", async ct =>
        {
            page = await context.Browser.GetAsync(page.Location!, ct);
            if (!page.IsRedirect || !page.Location!.ToString().StartsWith(client.RedirectUri, StringComparison.Ordinal))
            {
                return Unexpected(page, "a redirect to the client with a code");
            }

            var query = HttpUtility.ParseQueryString(page.Location.Query);
            code = query["code"] ?? string.Empty;
            return query["state"] == state && code.Length > 0
                ? StepOutcome.Ok(Status(page), page.Bytes)
                : StepOutcome.Fail("oidc.no-code", page.Bytes, $"the redirect carries no code for this state: {query["error"]}");
        });

        return await TokenAsync(context, client, "oidc-token", new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = client.RedirectUri,
            ["code_verifier"] = verifier,
        });
    }

    public static Task<JsonElement> RefreshAsync(ScenarioContext context, OidcLoadClient client, string refreshToken, string step) =>
        TokenAsync(context, client, step, new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken });

    private static async Task<JsonElement> TokenAsync(ScenarioContext context, OidcLoadClient client, string step, Dictionary<string, string> form)
    {
        JsonElement tokens = default;
        await context.StepAsync(step, async ct =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(client.Broker, "/connect/token")) { Content = new FormUrlEncodedContent(form) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(client.ClientId) + ":" + Uri.EscapeDataString(client.Secret))));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(context.Resources.Transport.RequestTimeout);
            using var response = await context.Resources.Transport.Invoker.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return StepOutcome.Fail(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), body.Length, body);
            }

            tokens = JsonDocument.Parse(body).RootElement.Clone();
            return tokens.TryGetProperty("id_token", out _) && tokens.TryGetProperty("refresh_token", out _)
                ? StepOutcome.Ok("200", body.Length)
                : StepOutcome.Fail("oidc.tokens-missing", body.Length, "the token response lacks an ID token or refresh token");
        });
        return tokens;
    }

    private static StepOutcome Unexpected(HttpPage page, string expected) =>
        StepOutcome.Fail(page.Describe(), page.Bytes, $"expected {expected}, got {page.Status} from {page.Url.AbsolutePath}");

    private static string Status(HttpPage page) => page.Status.ToString(CultureInfo.InvariantCulture);
}
