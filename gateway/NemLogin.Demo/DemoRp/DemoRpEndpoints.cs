using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NemLogin.Gateway.Hosting;
using static NemLogin.Gateway.Pages.HtmlPage;

namespace NemLogin.Demo.DemoRp;

/// <summary>
/// A relying party under <c>/demo-rp</c> that talks to the broker only through OpenID Connect, like any client: code flow
/// with PKCE S256, state and nonce; the code redeemed with client_secret_basic; the ID token checked against the JWKS.
/// </summary>
internal static class DemoRpEndpoints
{
    public static RouteGroupBuilder MapDemoRp(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/demo-rp");
        group.MapGet("/", Home);
        group.MapGet("/login", LoginAsync);
        group.MapGet("/callback", CallbackAsync);
        group.MapPost("/backchannel-logout", BackChannelLogoutAsync).DisableAntiforgery();
        group.MapGet("/logout", (HttpContext context, DemoRelyingParty rp, IBrokerUrls urls, IDataProtectionProvider protection) =>
        {
            // RP-Initiated Logout: the ID token as id_token_hint tells the broker this logout comes from a party of the session,
            // so it ends the session without asking (without it the broker asks the person first, against logout CSRF).
            var idToken = DemoRpCookies.Read<string>(context, protection, DemoRpCookies.IdToken);
            DemoRpCookies.Delete(context, DemoRpCookies.User);
            DemoRpCookies.Delete(context, DemoRpCookies.IdToken);
            var query = new Dictionary<string, string?>
            {
                ["client_id"] = DemoRelyingParty.ClientId,
                ["post_logout_redirect_uri"] = rp.Home,
            };
            if (idToken is not null)
            {
                query["id_token_hint"] = idToken;
            }

            return TypedResults.Redirect(QueryHelpers.AddQueryString(urls.Absolute("/connect/endsession"), query));
        });
        return group;
    }

    private static IResult Home(HttpContext context, IDataProtectionProvider protection, DemoRpEndedSessions ended)
    {
        var user = DemoRpCookies.Read<DemoRpUser>(context, protection, DemoRpCookies.User);
        var endedAtBroker = user is not null && ended.Contains(user.Claims.GetValueOrDefault("sid"));
        if (endedAtBroker)
        {
            // The broker told us over the back channel that this browser's session ended there (a logout elsewhere).
            DemoRpCookies.Delete(context, DemoRpCookies.User);
            user = null;
        }

        var body = user is null
            ? $"""
              <h1>Demo relying party</h1>
              <p>You are not logged in. This relying party uses the broker's OpenID Connect provider (code flow with PKCE).</p>
              {(endedAtBroker ? "<p id=\"ended-at-broker\">Your broker session ended elsewhere (the broker told this relying party over the back channel).</p>" : string.Empty)}
              <form method="get" action="/demo-rp/login"><button type="submit">Log in</button>
              <button type="submit" name="prompt" value="login">Log in again (prompt=login)</button></form>
              """
            : $"""
              <h1>Demo relying party: logged in</h1>
              <h2>ID token claims</h2><table id="claims">{string.Concat(user.Claims.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c =>
                  $"""<tr><th data-claim="{E(c.Key)}">{E(c.Key)}</th><td>{E(c.Value)}</td></tr>"""))}</table>
              <p><a class="button" href="/demo-rp/logout">Log out</a></p>
              """;
        if (context.Request.Query["error"].ToString() is { Length: > 0 } error)
        {
            body += $"""<div class="error"><p>The broker's answer: <span class="code" id="demo-error">{E(error)}</span></p></div>""";
        }

        return Result(context, "Demo relying party", body);
    }

    private static async Task<IResult> LoginAsync(HttpContext context, DemoRelyingParty rp, DemoRpRegistrar registrar, IBrokerUrls urls, IDataProtectionProvider protection)
    {
        await registrar.Registered;
        var pending = new DemoRpPending(Random(), Random(), Random());
        DemoRpCookies.Write(context, protection, DemoRpCookies.Pending, pending);
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = DemoRelyingParty.ClientId,
            ["response_type"] = "code",
            ["scope"] = "openid profile email nemlogin cpr",
            ["redirect_uri"] = rp.RedirectUri,
            ["state"] = pending.State,
            ["nonce"] = pending.Nonce,
            ["code_challenge"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(pending.CodeVerifier))),
            ["code_challenge_method"] = "S256",
        };
        if (context.Request.Query["prompt"].ToString() == "login")
        {
            query["prompt"] = "login";
        }

        return TypedResults.Redirect(QueryHelpers.AddQueryString(urls.Absolute("/connect/authorize"), query));
    }

    private static async Task<IResult> CallbackAsync(
        HttpContext context, DemoRelyingParty rp, IBrokerUrls urls, IDataProtectionProvider protection, IHttpClientFactory http)
    {
        var pending = DemoRpCookies.Read<DemoRpPending>(context, protection, DemoRpCookies.Pending);
        DemoRpCookies.Delete(context, DemoRpCookies.Pending);
        var query = context.Request.Query;
        if (pending is null || query["state"] != pending.State)
        {
            return TypedResults.Redirect("/demo-rp/?error=state-mismatch");
        }

        if (query["error"].ToString() is { Length: > 0 } error)
        {
            return TypedResults.Redirect("/demo-rp/?error=" + Uri.EscapeDataString(error));
        }

        // RFC 9207: the answer must come from the broker the request went to.
        if (query["iss"] != urls.BaseUrl + "/")
        {
            return TypedResults.Redirect("/demo-rp/?error=issuer-mismatch");
        }

        using var client = http.CreateClient("demo-rp");
        using var request = new HttpRequestMessage(HttpMethod.Post, urls.Absolute("/connect/token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = query["code"].ToString(),
                ["redirect_uri"] = rp.RedirectUri,
                ["code_verifier"] = pending.CodeVerifier,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(DemoRelyingParty.ClientId) + ":" + Uri.EscapeDataString(rp.Secret))));
        using var response = await client.SendAsync(request, context.RequestAborted);
        if (!response.IsSuccessStatusCode)
        {
            return TypedResults.Redirect("/demo-rp/?error=token-" + (int)response.StatusCode);
        }

        using var tokens = JsonDocument.Parse(await response.Content.ReadAsStringAsync(context.RequestAborted));
        var validated = await ValidateAsync(client, urls, tokens.RootElement.GetProperty("id_token").GetString(), "JWT", context.RequestAborted);
        if (!validated.IsValid || (validated.Claims.TryGetValue("nonce", out var nonce) ? nonce as string : null) != pending.Nonce)
        {
            return TypedResults.Redirect("/demo-rp/?error=id-token-invalid");
        }

        var token = (JsonWebToken)validated.SecurityToken;
        var claims = token.Claims.GroupBy(c => c.Type).ToDictionary(g => g.Key, g => string.Join(", ", g.Select(c => c.Value)), StringComparer.Ordinal);
        DemoRpCookies.Write(context, protection, DemoRpCookies.User, new DemoRpUser(claims));
        DemoRpCookies.Write(context, protection, DemoRpCookies.IdToken, token.EncodedToken);
        return TypedResults.Redirect("/demo-rp/");
    }

    /// <summary>
    /// OIDC Back-Channel Logout 1.0 §2.6: a logout token signed by the broker for this client, typed <c>logout+jwt</c>,
    /// with the back-channel event and a <c>sid</c> and no <c>nonce</c>; its session is remembered as ended. Anything else
    /// is a 400 and changes nothing.
    /// </summary>
    private static async Task<IResult> BackChannelLogoutAsync(
        HttpContext context, IBrokerUrls urls, IHttpClientFactory http, DemoRpEndedSessions ended)
    {
        context.Response.Headers.CacheControl = "no-store";
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        using var client = http.CreateClient("demo-rp");
        var validated = await ValidateAsync(client, urls, form["logout_token"].ToString(), "logout+jwt", context.RequestAborted);
        if (!validated.IsValid
            || validated.Claims.ContainsKey("nonce")
            || !validated.Claims.TryGetValue("sid", out var sid) || sid is not string { Length: > 0 } sessionId
            || !validated.Claims.TryGetValue("events", out var events)
            || events?.ToString()?.Contains("http://schemas.openid.net/event/backchannel-logout", StringComparison.Ordinal) != true)
        {
            return TypedResults.BadRequest(new Dictionary<string, string> { ["error"] = "invalid_request" });
        }

        ended.Add(sessionId);
        return TypedResults.Ok();
    }

    private static async Task<TokenValidationResult> ValidateAsync(HttpClient client, IBrokerUrls urls, string? token, string type, CancellationToken cancellationToken)
    {
        var jwks = new JsonWebKeySet(await client.GetStringAsync(urls.Absolute("/.well-known/jwks"), cancellationToken));
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = urls.BaseUrl + "/",
            ValidAudience = DemoRelyingParty.ClientId,
            IssuerSigningKeys = jwks.Keys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256],
            ValidTypes = [type],
        });
    }

    private static string Random() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
}
