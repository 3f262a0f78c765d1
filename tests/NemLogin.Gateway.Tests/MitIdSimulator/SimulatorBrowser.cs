using System.Net;
using Xunit;

namespace NemLogin.Gateway.Tests.MitIdSimulator;

/// <summary>An HTTP client that behaves like a browser on the simulator's pages: cookies kept, each redirect seen.</summary>
internal sealed class SimulatorBrowser(string baseUrl) : IDisposable
{
    private readonly HttpClient _client = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
    {
        BaseAddress = new Uri(baseUrl),
    };

    public async Task<(HttpStatusCode Status, string Html, Uri? Location)> GetAsync(string url)
    {
        using var response = await _client.GetAsync(url, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), response.Headers.Location);
    }

    public async Task<(HttpStatusCode Status, string Html, Uri? Location)> SubmitAsync(LoginForm form, string action, string username = "")
    {
        var fields = new Dictionary<string, string>
        {
            ["pending"] = form.PendingId,
            ["form_token"] = form.FormToken,
            ["username"] = username,
            ["action"] = action,
        };
        using var response = await _client.PostAsync(form.Action, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), response.Headers.Location);
    }

    /// <summary>Opens the authorization URL, logs in as <paramref name="username"/>, and returns where MitID sends the browser.</summary>
    public async Task<Uri> LogInAsync(string authorizationUrl, string username)
    {
        var page = await GetAsync(authorizationUrl);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var result = await SubmitAsync(LoginForm.Parse(page.Html), "login", username);
        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        return result.Location!;
    }

    public void Dispose() => _client.Dispose();
}
