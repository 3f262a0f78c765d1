using System.Net;
using System.Text.RegularExpressions;
using NemLogin.Gateway.Tests.Support;
using Xunit;

namespace NemLogin.Gateway.Tests.SelfService;

/// <summary>
/// A person at the self-service pages without JavaScript: logs in through the MitID simulator like at any service, then
/// reads pages and sends their forms (with the form token and request id the page gave, unless a test leaves them out).
/// </summary>
public sealed partial class SelfServiceBrowser(string baseUrl) : IDisposable
{
    public const string Root = "/selvbetjening";
    public const string GrantPath = Root + "/fuldmagter/giv";
    public const string RequestPath = Root + "/fuldmagter/anmod";

    public TestBrowser Browser { get; } = new();

    public string BaseUrl => baseUrl;

    /// <summary>Opens <paramref name="path"/>, logs in as <paramref name="user"/> when the simulator asks, and returns where the browser ends.</summary>
    public static async Task<(SelfServiceBrowser Browser, TestBrowser.Page Page)> LogInAsync(string baseUrl, string user, string path = Root)
    {
        var browser = new SelfServiceBrowser(baseUrl);
        var page = await browser.Browser.GetAsync(baseUrl + path);
        Assert.Contains("name=\"username\"", page.Html, StringComparison.Ordinal);
        page = await browser.Browser.SubmitAsync(page, new Dictionary<string, string> { ["username"] = user });
        return (browser, page);
    }

    /// <summary>Logged in as <paramref name="user"/> at the overview (asserted).</summary>
    public static async Task<SelfServiceBrowser> LoggedInAsync(string baseUrl, string user)
    {
        var (browser, page) = await LogInAsync(baseUrl, user);
        Assert.True(page.Status == HttpStatusCode.OK && page.Url.AbsolutePath == Root, $"{(int)page.Status} at {page.Url}: {page.Html[..Math.Min(600, page.Html.Length)]}");
        return browser;
    }

    public Task<TestBrowser.Page> GetAsync(string path) => Browser.GetAsync(baseUrl + path);

    /// <summary>
    /// Sends the grant (or request) form as a person fills it in: the page's token and request id, then
    /// <paramref name="fields"/> (names may repeat, as checkboxes do).
    /// </summary>
    public async Task<TestBrowser.Page> SendMandateFormAsync(string path, IEnumerable<(string Name, string Value)> fields, bool withToken = true)
    {
        var form = await GetAsync(path);
        var hidden = form.Form("mandate-form").Fields.Where(f => f.Key is "requestId" || (withToken && f.Key == "csrf"));
        return await Browser.PostFormAsync(baseUrl + path, hidden.Concat(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));
    }

    /// <summary>Grants a mandate through the form and returns the page the browser ends on.</summary>
    public Task<TestBrowser.Page> GrantAsync(string cpr, string name, IEnumerable<string> systemKeys, string? validTo = null, IEnumerable<string>? privileges = null) =>
        SendMandateFormAsync(GrantPath, Fields(cpr, name, systemKeys, validTo, privileges));

    public Task<TestBrowser.Page> RequestAsync(string cpr, string name, IEnumerable<string> systemKeys) =>
        SendMandateFormAsync(RequestPath, Fields(cpr, name, systemKeys, null, null));

    public static IEnumerable<(string, string)> Fields(string cpr, string name, IEnumerable<string> systemKeys, string? validTo, IEnumerable<string>? privileges) =>
        [("cpr", cpr), ("name", name), .. systemKeys.Select(k => ("system", k)), .. (privileges ?? []).Select(p => ("privilege", p)), ("validTo", validTo ?? string.Empty)];

    /// <summary>Presses the overview's button <paramref name="action"/> (tilbagekald, godkend, afvis) on mandate <paramref name="mandateId"/>.</summary>
    public async Task<TestBrowser.Page> ActAsync(Guid mandateId, string action)
    {
        var overview = await GetAsync(Root);
        var path = $"{Root}/fuldmagter/{mandateId:D}/{action}";
        var form = ActionForm(overview, path) ?? throw new Xunit.Sdk.XunitException($"No {action} button for {mandateId} on the overview.");
        return await Browser.PostFormAsync(baseUrl + path, form);
    }

    /// <summary>Posts to <paramref name="path"/> with this browser's own form token (from its overview), as a forged id would be sent.</summary>
    public async Task<TestBrowser.Page> PostWithOwnTokenAsync(string path)
    {
        var overview = await GetAsync(Root);
        return await Browser.PostFormAsync(baseUrl + path, new Dictionary<string, string> { ["csrf"] = Token(overview), ["requestId"] = "forged-" + Guid.NewGuid().ToString("N") });
    }

    /// <summary>The form token a page carries (the logout form has it on every page).</summary>
    public static string Token(TestBrowser.Page page) => page.Form("logout").Fields["csrf"];

    /// <summary>The mandate ids of a table on the overview (<c>given</c>, <c>requested-of-me</c>, <c>received</c>, <c>my-requests</c>).</summary>
    public static IReadOnlyList<Guid> MandateIds(TestBrowser.Page overview, string table)
    {
        var match = Regex.Match(overview.Html, $"<table[^>]* id=\"{table}-table\".*?</table>", RegexOptions.Singleline);
        return match.Success ? [.. MandateRow().Matches(match.Value).Select(m => Guid.Parse(m.Groups[1].Value))] : [];
    }

    /// <summary>The row of a mandate (or, by <paramref name="attribute"/>, an employee) on a page, as text (tags and buttons removed).</summary>
    public static string Row(TestBrowser.Page overview, Guid mandateId, string attribute = "data-mandate-id")
    {
        var match = Regex.Match(overview.Html, $"<tr {attribute}=\"{mandateId}\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(match.Success, $"No row for {mandateId}.");
        return WebUtility.HtmlDecode(Regex.Replace(match.Groups[1].Value, "<form.*?</form>|<[^>]+>", " ", RegexOptions.Singleline));
    }

    private static Dictionary<string, string>? ActionForm(TestBrowser.Page page, string path)
    {
        var match = Regex.Match(page.Html, $"<form method=\"post\" action=\"{Regex.Escape(path)}\"[^>]*>(.*?)</form>", RegexOptions.Singleline);
        return match.Success
            ? HiddenInput().Matches(match.Groups[1].Value).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value))
            : null;
    }

    public void Dispose() => Browser.Dispose();

    [GeneratedRegex("<tr data-mandate-id=\"([0-9a-f-]{36})\">")]
    private static partial Regex MandateRow();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenInput();
}
