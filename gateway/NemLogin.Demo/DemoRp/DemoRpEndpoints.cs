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
        group.MapGet("/logout", (HttpContext context, DemoRelyingParty rp, IBrokerUrls urls) =>
        {
            DemoRpCookies.Delete(context, DemoRpCookies.User);
            return TypedResults.Redirect(QueryHelpers.AddQueryString(urls.Absolute("/connect/endsession"), new Dictionary<string, string?>
            {
                ["client_id"] = DemoRelyingParty.ClientId,
                ["post_logout_redirect_uri"] = rp.Home,
            }));
        });
        return group;
    }

    private static IResult Home(HttpContext context, IDataProtectionProvider protection)
    {
        var user = DemoRpCookies.Read<DemoRpUser>(context, protection, DemoRpCookies.User);
        var body = user is null
            ? """
              <h1>Demo relying party</h1>
              <p>You are not logged in. This relying party uses the broker's OpenID Connect provider (code flow with PKCE).</p>
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
        var jwks = new JsonWebKeySet(await client.GetStringAsync(urls.Absolute("/.well-known/jwks"), context.RequestAborted));
        var validated = await new JsonWebTokenHandler().ValidateTokenAsync(tokens.RootElement.GetProperty("id_token").GetString(), new TokenValidationParameters
        {
            ValidIssuer = urls.BaseUrl + "/",
            ValidAudience = DemoRelyingParty.ClientId,
            IssuerSigningKeys = jwks.Keys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256],
        });
        if (!validated.IsValid || (validated.Claims.TryGetValue("nonce", out var nonce) ? nonce as string : null) != pending.Nonce)
        {
            return TypedResults.Redirect("/demo-rp/?error=id-token-invalid");
        }

        var token = (JsonWebToken)validated.SecurityToken;
        var claims = token.Claims.GroupBy(c => c.Type).ToDictionary(g => g.Key, g => string.Join(", ", g.Select(c => c.Value)), StringComparer.Ordinal);
        DemoRpCookies.Write(context, protection, DemoRpCookies.User, new DemoRpUser(claims));
        return TypedResults.Redirect("/demo-rp/");
    }

    private static string Random() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
}
