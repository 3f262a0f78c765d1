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
/// The steps of an OpenID Connect login as a browser and a relying party make them: the authorization request (PKCE
/// S256, state, nonce), the provider's login page and form post (<see cref="OidcLoginPath"/>), the redirects back to
/// the redirect URI with the code (state and RFC 9207 <c>iss</c> checked), the code redeemed at the token endpoint with
/// client_secret_basic, and the ID token validated (<see cref="IdTokenCheck"/>).
/// </summary>
public static class OidcCodeFlow
{
    public const string Scope = "openid profile nemlogin offline_access";

    public static async Task<JsonElement> LogInAsync(ScenarioContext context, OidcLoadClient client, string user, OidcLoginPath path)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(path);
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var state = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var authorize = AuthorizationUrl(client, path, state, nonce, Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));

        HttpPage page = null!;
        await context.StepAsync("oidc-authorize", async ct =>
        {
            page = await context.Browser.GetAsync(authorize, ct);
            return page.IsRedirect ? StepOutcome.Ok(Status(page), page.Bytes) : Unexpected(page, "a redirect to the login page");
        });

        HtmlForm form = null!;
        await context.StepAsync(path.FormStep, async ct =>
        {
            page = await context.Browser.GetAsync(page.Location!, ct);
            form = page.Status == 200 ? HtmlForm.Find(page)! : null!;
            return form is not null ? StepOutcome.Ok(Status(page), page.Bytes) : Unexpected(page, "a login form");
        });

        await context.StepAsync(path.LoginStep, async ct =>
        {
            var fields = new Dictionary<string, string>(form.Fields, StringComparer.Ordinal) { ["username"] = user, ["action"] = "login" };
            page = await context.Browser.PostFormAsync(form.Action, fields, ct);
            return page.IsRedirect ? StepOutcome.Ok(Status(page), page.Bytes) : Unexpected(page, "a redirect after the login");
        });

        foreach (var step in path.ReturnSteps.SkipLast(1))
        {
            await context.StepAsync(step, async ct =>
            {
                page = await context.Browser.GetAsync(page.Location!, ct);
                return page.IsRedirect ? StepOutcome.Ok(Status(page), page.Bytes) : Unexpected(page, "a redirect on to the authorization request");
            });
        }

        string code = null!;
        await context.StepAsync(path.ReturnSteps[^1], async ct =>
        {
            page = await context.Browser.GetAsync(page.Location!, ct);
            return ReadCode(page, client, state, out code);
        });

        var tokens = await TokenAsync(context, client, "oidc-token", new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = client.RedirectUri,
            ["code_verifier"] = verifier,
        });

        await context.StepAsync("oidc-id-token", async _ =>
        {
            var problem = await IdTokenCheck.FindProblemAsync(tokens.GetProperty("id_token").GetString()!, client.Provider, client.ClientId, nonce);
            return problem is null ? StepOutcome.Ok("valid") : StepOutcome.Fail("oidc.id-token-invalid", reason: problem);
        });
        return tokens;
    }

    public static Task<JsonElement> RefreshAsync(ScenarioContext context, OidcLoadClient client, string refreshToken, string step) =>
        TokenAsync(context, client, step, new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken });

    /// <summary>The authorization request: code flow, PKCE S256, the runner's scope, and <c>prompt=consent</c> where the path needs it.</summary>
    public static Uri AuthorizationUrl(OidcLoadClient client, OidcLoginPath path, string state, string nonce, string codeChallenge)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(path);
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("client_id", client.ClientId),
            new("response_type", "code"),
            new("scope", Scope),
            new("redirect_uri", client.RedirectUri),
            new("state", state),
            new("nonce", nonce),
            new("code_challenge", codeChallenge),
            new("code_challenge_method", "S256"),
        };
        if (path.PromptConsent)
        {
            parameters.Add(new("prompt", "consent"));
        }

        var endpoint = client.Provider.AuthorizationEndpoint.ToString();
        return new Uri(endpoint + (endpoint.Contains('?', StringComparison.Ordinal) ? "&" : "?")
            + string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value))));
    }

    /// <summary>
    /// The redirect to the client: to its redirect URI, with this request's state, a code, and (RFC 9207) the
    /// provider's issuer when <c>iss</c> is present.
    /// </summary>
    public static StepOutcome ReadCode(HttpPage page, OidcLoadClient client, string state, out string code)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(client);
        code = string.Empty;
        if (!page.IsRedirect || page.Location!.GetLeftPart(UriPartial.Path) != client.RedirectUri)
        {
            return Unexpected(page, "a redirect to the client with a code");
        }

        var query = HttpUtility.ParseQueryString(page.Location.Query);
        if (query["iss"] is { } issuer && issuer != client.Provider.Issuer)
        {
            return StepOutcome.Fail("oidc.iss-mismatch", page.Bytes, $"the redirect names issuer {issuer}, not {client.Provider.Issuer}");
        }

        code = query["code"] ?? string.Empty;
        return query["state"] == state && code.Length > 0
            ? StepOutcome.Ok(Status(page), page.Bytes)
            : StepOutcome.Fail("oidc.no-code", page.Bytes, $"the redirect carries no code for this state: {query["error"]}");
    }

    private static async Task<JsonElement> TokenAsync(ScenarioContext context, OidcLoadClient client, string step, Dictionary<string, string> form)
    {
        JsonElement tokens = default;
        await context.StepAsync(step, async ct =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, client.Provider.TokenEndpoint) { Content = new FormUrlEncodedContent(form) };
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

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static StepOutcome Unexpected(HttpPage page, string expected) =>
        StepOutcome.Fail(page.Describe(), page.Bytes, $"expected {expected}, got {page.Status} from {page.Url.AbsolutePath}");

    private static string Status(HttpPage page) => page.Status.ToString(CultureInfo.InvariantCulture);
}
