using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NemLogin.Gateway.Tests.Support;
using Xunit;

namespace NemLogin.Gateway.Tests.Browser;

/// <summary>
/// The tests' wait for a page returns once the address is there, even while the page is still loading (an image that
/// never comes here; the logout page's frames in the broker). Playwright's own wait for a URL waits for the load event
/// in that case and once held a test for its full 60 s on a page that had arrived.
/// </summary>
public sealed class ChromiumPageWaitTests
{
    [Fact]
    public async Task PageArrivedButStillLoading_WaitReturns()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new LoopbackHttpServer(FreePort.Next(), async context =>
        {
            if (context.Request.Url!.AbsolutePath == "/never")
            {
                await release.Task;
                return;
            }

            var html = "<!doctype html><html lang=\"en\"><title>arrived</title><p>arrived</p><img src=\"/never\" alt=\"\"></html>"u8.ToArray();
            context.Response.ContentType = "text/html";
            context.Response.ContentLength64 = html.Length;
            await context.Response.OutputStream.WriteAsync(html, cancellation);
        });
        await using var chromium = await Chromium.StartAsync();
        var page = await chromium.NewPageAsync();
        try
        {
            await page.GotoAsync(server.Origin + "/arrived", new() { WaitUntil = WaitUntilState.Commit });
            await Assertions.Expect(page.Locator("p")).ToHaveTextAsync("arrived");

            await Chromium.WaitForPageAsync(page, new Regex("/arrived$"), TimeSpan.FromSeconds(10));

            Assert.NotEqual("complete", await page.EvaluateAsync<string>("document.readyState"));
        }
        finally
        {
            release.SetResult();
        }
    }
}
