using System.Net;
using System.Text.RegularExpressions;
using Xunit;

namespace NemLogin.Gateway.Tests.Support;

/// <summary>
/// A minimal browser over HttpClient: keeps cookies, follows redirects, reads the broker's and simulator's plain HTML
/// forms and submits them. Enough to walk a SAML login without JavaScript, as the pages promise to allow.
/// </summary>
public sealed partial class TestBrowser : IDisposable
{
    private readonly HttpClient _client;

    public TestBrowser()
    {
        Cookies = new CookieContainer();
        _client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = true, MaxAutomaticRedirections = 10 })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public CookieContainer Cookies { get; }

    public async Task<Page> GetAsync(string url)
    {
        using var response = await _client.GetAsync(url, TestContext.Current.CancellationToken);
        return await Page.FromAsync(response);
    }

    public async Task<Page> SubmitAsync(Page page, IReadOnlyDictionary<string, string>? overrides = null, string? submitName = null, string? submitValue = null, string? formId = null)
    {
        var form = page.Form(formId);
        var fields = new Dictionary<string, string>(form.Fields);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            fields[key] = value;
        }

        if (submitName is not null)
        {
            fields[submitName] = submitValue ?? string.Empty;
        }

        var action = new Uri(page.Url, form.Action);
        using var response = form.Method == "get"
            ? await _client.GetAsync(action + "?" + string.Join("&", fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value))), TestContext.Current.CancellationToken)
            : await _client.PostAsync(action, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
        return await Page.FromAsync(response);
    }

    /// <summary>POSTs a form the test built itself (an SP's HTTP-POST binding page, say); a name may repeat (checkboxes).</summary>
    public async Task<Page> PostFormAsync(string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var response = await _client.PostAsync(url, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
        return await Page.FromAsync(response);
    }

    /// <summary>Sends a request the test built itself (its own headers), with this browser's cookies.</summary>
    public async Task<Page> SendAsync(HttpRequestMessage request)
    {
        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        return await Page.FromAsync(response);
    }

    public void Dispose() => _client.Dispose();

    public sealed partial record Page(Uri Url, HttpStatusCode Status, string Html)
    {
        public static async Task<Page> FromAsync(HttpResponseMessage response) =>
            new(response.RequestMessage!.RequestUri!, response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            {
                ContentSecurityPolicy = response.Headers.TryGetValues("Content-Security-Policy", out var csp) ? string.Join(", ", csp) : null,
            };

        /// <summary>The page's Content-Security-Policy header as received (several headers joined by ", "), or null.</summary>
        public string? ContentSecurityPolicy { get; init; }

        public bool HasForm => FormRegex().IsMatch(Html);

        /// <summary>The page's first form, or the one with <paramref name="id"/>.</summary>
        public HtmlForm Form(string? id = null)
        {
            var match = FormRegex().Matches(Html).FirstOrDefault(m => id is null || AttributeValue(m.Groups["attrs"].Value, "id") == id);
            Assert.True(match?.Success == true, $"No form{(id is null ? string.Empty : " " + id)} on {Url} ({(int)Status}): {Html[..Math.Min(Html.Length, 800)]}");
            var attributes = match.Groups["attrs"].Value;
            var action = WebUtility.HtmlDecode(AttributeValue(attributes, "action") ?? Url.ToString());
            var method = (AttributeValue(attributes, "method") ?? "get").ToLowerInvariant();
            var fields = new Dictionary<string, string>();
            foreach (Match input in InputRegex().Matches(match.Groups["body"].Value))
            {
                var attrs = input.Groups["attrs"].Value;
                var type = AttributeValue(attrs, "type") ?? "text";
                var name = AttributeValue(attrs, "name");
                if (name is null || type is "submit" or "button")
                {
                    continue;
                }

                fields[WebUtility.HtmlDecode(name)] = WebUtility.HtmlDecode(AttributeValue(attrs, "value") ?? string.Empty);
            }

            // Pressing Enter submits with the form's first submit button, as browsers do.
            var button = ButtonRegex().Match(match.Groups["body"].Value);
            if (button.Success && AttributeValue(button.Groups["attrs"].Value, "name") is { } buttonName)
            {
                fields.TryAdd(WebUtility.HtmlDecode(buttonName), WebUtility.HtmlDecode(AttributeValue(button.Groups["attrs"].Value, "value") ?? string.Empty));
            }

            return new HtmlForm(action, method, fields);
        }

        /// <summary>The error code an error page shows, or null.</summary>
        public string? ErrorCode
        {
            get
            {
                var match = ErrorCodeRegex().Match(Html);
                return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
            }
        }

        private static string? AttributeValue(string attributes, string name)
        {
            var match = Regex.Match(attributes, $@"(?:^|\s){name}\s*=\s*(?:""(?<v>[^""]*)""|'(?<v>[^']*)')", RegexOptions.IgnoreCase);
            return match.Success ? match.Groups["v"].Value : null;
        }

        [GeneratedRegex(@"<form(?<attrs>[^>]*)>(?<body>.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
        private static partial Regex FormRegex();

        [GeneratedRegex(@"<input(?<attrs>[^>]*)/?>", RegexOptions.IgnoreCase)]
        private static partial Regex InputRegex();

        [GeneratedRegex(@"<button(?<attrs>[^>]*type=""submit""[^>]*)>", RegexOptions.IgnoreCase)]
        private static partial Regex ButtonRegex();

        [GeneratedRegex(@"data-error-code=""([^""]+)""")]
        private static partial Regex ErrorCodeRegex();
    }

    public sealed record HtmlForm(string Action, string Method, IReadOnlyDictionary<string, string> Fields);
}
