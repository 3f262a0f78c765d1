using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace NemLogin.Gateway.Tests.Oidc;

/// <summary>
/// A relying party's logout endpoints on a loopback port of their own: <c>POST /backchannel</c> records the logout token,
/// <c>GET /frontchannel</c> records its query (and answers with a small page, as a front-channel logout page would), and
/// <c>GET /callback</c> is a redirect URI that answers with a page.
/// </summary>
internal sealed class RelyingPartyListener(WebApplication app, string url, Channel<string> logoutTokens, Channel<IQueryCollection> frontChannelCalls)
    : IAsyncDisposable
{
    public string Url => url;

    public Channel<string> LogoutTokens => logoutTokens;

    public Channel<IQueryCollection> FrontChannelCalls => frontChannelCalls;

    public static async Task<RelyingPartyListener> StartAsync()
    {
        var logoutTokens = Channel.CreateUnbounded<string>();
        var frontChannelCalls = Channel.CreateUnbounded<IQueryCollection>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/backchannel", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            await logoutTokens.Writer.WriteAsync(form["logout_token"].ToString());
            return Results.Ok();
        });
        app.MapGet("/callback", () => Results.Content("<!doctype html><title>callback</title><p id=\"callback\">back</p>", "text/html"));
        app.MapGet("/frontchannel", async (HttpContext context) =>
        {
            await frontChannelCalls.Writer.WriteAsync(context.Request.Query);
            return Results.Content("<!doctype html><title>logged out</title>", "text/html");
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return new RelyingPartyListener(app, address, logoutTokens, frontChannelCalls);
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
