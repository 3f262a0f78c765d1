using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NemLogin.Gateway.Tests.Support;
using Xunit;

namespace NemLogin.Gateway.Tests.Oidc;

/// <summary>
/// ASP.NET Core's own OpenID Connect handler (unmodified: code flow, PKCE, form_post, userinfo, its issuer and signature
/// checks against our discovery and JWKS) signs a person in to a small app hosted in the test process.
/// </summary>
public sealed class AspNetCoreOidcHandlerInteropTests(OidcBroker broker) : IClassFixture<OidcBroker>
{
    [Fact]
    public async Task OpenIdConnectHandler_Unmodified_SignsInWithBrokerClaims()
    {
        var clientId = "aspnet-" + Guid.NewGuid().ToString("N")[..8];
        await using var app = BuildRelyingParty(clientId);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        var rpBase = $"http://localhost:{port}";
        using (var registered = await broker.RegisterAsync(new
        {
            client_id = clientId,
            client_secret = OidcBroker.Secret,
            token_endpoint_auth_method = "client_secret_post",
            redirect_uris = new[] { rpBase + "/signin-oidc" },
            scope = "openid profile nemlogin",
        }))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        using var browser = new TestBrowser();
        var page = await browser.GetAsync(rpBase + "/");
        Assert.Contains("name=\"username\"", page.Html, StringComparison.Ordinal);
        page = await browser.SubmitAsync(page, new Dictionary<string, string> { ["username"] = "alice" });

        // response_mode=form_post: the broker's page posts the code to the handler's callback.
        Assert.True(page.HasForm, $"{(int)page.Status} {page.Url}: {page.Html[..Math.Min(400, page.Html.Length)]}");
        Assert.Equal(rpBase + "/signin-oidc", page.Form().Action);
        page = await browser.SubmitAsync(page);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var claims = JsonDocument.Parse(page.Html).RootElement;
        Assert.True(Guid.TryParse(claims.GetProperty("sub").GetString(), out _));
        Assert.Equal("Substantial", claims.GetProperty("loa").GetString());
        Assert.True(claims.TryGetProperty("auth_time", out _), page.Html);
        Assert.False(string.IsNullOrEmpty(claims.GetProperty("given_name").GetString()));
    }

    private WebApplication BuildRelyingParty(string clientId)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(cookie => cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest)
            .AddOpenIdConnect(oidc =>
            {
                oidc.Authority = broker.BaseUrl;
                oidc.RequireHttpsMetadata = false;
                oidc.ClientId = clientId;
                oidc.ClientSecret = OidcBroker.Secret;
                oidc.ResponseType = "code";
                oidc.Scope.Add("profile");
                oidc.Scope.Add("nemlogin");
                oidc.GetClaimsFromUserInfoEndpoint = true;
                oidc.MapInboundClaims = false;
                oidc.ClaimActions.MapUniqueJsonKey("loa", "loa");

                // Plain http on loopback in the test: the correlation and nonce cookies follow the request's scheme.
                oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            });
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.MapGet("/", (HttpContext context) => context.User.Identity?.IsAuthenticated == true
            ? Results.Json(context.User.Claims.GroupBy(c => c.Type).ToDictionary(g => g.Key, g => g.First().Value))
            : Results.Challenge());
        return app;
    }
}
