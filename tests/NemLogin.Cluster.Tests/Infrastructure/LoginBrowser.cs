using System.Net;
using System.Text.RegularExpressions;
using NemLogin.Saml;
using NemLogin.Saml.Bindings;

namespace NemLogin.Cluster.Tests.Infrastructure;

/// <summary>
/// A cookie-keeping HTTP browser that walks a login: SP redirect or OIDC authorization request, the MitID simulator's form,
/// the broker's auto-post form or redirect to the client. Answers whether the broker ended with a successful SAML Response,
/// and whether it asked for a login.
/// </summary>
internal sealed partial class LoginBrowser : IDisposable
{
    private readonly CookieContainer _cookies = new();
    private readonly HttpClient _http;

    private readonly Action<Uri, HttpResponseMessage>? _observe;

    /// <param name="observe">Sees every response, redirects included (e.g. which gateway served each step behind the balancer).</param>
    public LoginBrowser(Action<Uri, HttpResponseMessage>? observe = null)
    {
        _observe = observe;
        // Redirects are followed here, not by the handler, so that every step can be observed.
        _http = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false })
        {
            Timeout = TimeSpan.FromSeconds(15),
        };
    }

    /// <summary>The broker's session cookie (shared by both gateways: same host, cookies ignore the port).</summary>
    public string? SessionId => _cookies.GetAllCookies().FirstOrDefault(c => c.Name == "nemlogin.sid")?.Value;

    /// <summary>Carries an existing broker session, as the browser that logged in would.</summary>
    public void UseSession(string sessionId) => _cookies.Add(new Cookie("nemlogin.sid", sessionId, "/", "127.0.0.1"));

    public sealed record Result(bool Success, bool AskedForLogin, string Detail);

    public async Task<Result> LoginAsync(string redirectUrl, string user, CancellationToken cancellationToken)
    {
        var (url, html, askedForLogin) = await WalkAsync(redirectUrl, user, cancellationToken);
        var response = Field(html, "SAMLResponse");
        if (response is null)
        {
            return new Result(false, askedForLogin, $"no SAMLResponse at {url}: {Snippet(html)}");
        }

        var xml = PostBinding.Decode(response, SamlLimits.Default);
        var success = xml.Contains(SamlConstants.StatusCodes.Success, StringComparison.Ordinal) && xml.Contains("EncryptedAssertion", StringComparison.Ordinal);
        return new Result(success, askedForLogin, success ? "" : Snippet(xml));
    }

    /// <summary>
    /// Follows redirects from <paramref name="startUrl"/>, logging <paramref name="user"/> in at the MitID simulator when its
    /// form comes, to the page where the broker leaves the browser: its auto-post form (SAML) or the client's redirect URI (OIDC).
    /// </summary>
    public async Task<(Uri Url, string Html, bool AskedForLogin)> WalkAsync(string startUrl, string user, CancellationToken cancellationToken)
    {
        var (url, html) = await GetAsync(startUrl, cancellationToken);
        if (!html.Contains("name=\"username\"", StringComparison.Ordinal))
        {
            return (url, html, false);
        }

        (url, html) = await SubmitAsync(url, html, user, cancellationToken);
        return (url, html, true);
    }

    public void Dispose() => _http.Dispose();

    private Task<(Uri Url, string Html)> GetAsync(string url, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, url), cancellationToken);

    /// <summary>Posts a form to <paramref name="url"/> as the browser would, following the answer's redirects.</summary>
    public Task<(Uri Url, string Html)> PostFormAsync(Uri url, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) }, cancellationToken);

    private async Task<(Uri Url, string Html)> SendAsync(HttpRequestMessage first, CancellationToken cancellationToken)
    {
        var request = first;
        for (var hop = 0; hop < 20; hop++)
        {
            var url = request.RequestUri!;
            var method = request.Method;
            using var response = await _http.SendAsync(request, cancellationToken);
            request.Dispose();
            _observe?.Invoke(url, response);
            if ((int)response.StatusCode is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is null)
            {
                return (url, await response.Content.ReadAsStringAsync(cancellationToken));
            }

            if ((int)response.StatusCode is 307 or 308 && method != HttpMethod.Get)
            {
                throw new InvalidOperationException($"{url} redirected a {method} with {(int)response.StatusCode}; this browser does not resend bodies.");
            }

            // RFC 9110 15.4: 301-303 after a POST continue as GET.
            request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, response.Headers.Location));
        }

        throw new InvalidOperationException("More than 20 redirects.");
    }

    private Task<(Uri Url, string Html)> SubmitAsync(Uri page, string html, string user, CancellationToken cancellationToken)
    {
        var form = FormRegex().Match(html);
        if (!form.Success)
        {
            throw new InvalidOperationException($"No form at {page}: {Snippet(html)}");
        }

        var fields = new Dictionary<string, string>();
        foreach (Match input in InputRegex().Matches(form.Groups["body"].Value))
        {
            var attributes = input.Groups["attrs"].Value;
            if (Attribute(attributes, "name") is { } name && Attribute(attributes, "type") is not ("submit" or "button"))
            {
                fields[WebUtility.HtmlDecode(name)] = WebUtility.HtmlDecode(Attribute(attributes, "value") ?? "");
            }
        }

        var button = ButtonRegex().Match(form.Groups["body"].Value);
        if (button.Success && Attribute(button.Groups["attrs"].Value, "name") is { } buttonName)
        {
            fields.TryAdd(WebUtility.HtmlDecode(buttonName), WebUtility.HtmlDecode(Attribute(button.Groups["attrs"].Value, "value") ?? ""));
        }

        fields["username"] = user;
        var action = new Uri(page, WebUtility.HtmlDecode(Attribute(form.Groups["attrs"].Value, "action") ?? page.ToString()));
        return PostFormAsync(action, fields, cancellationToken);
    }

    private static string? Field(string html, string name)
    {
        foreach (Match input in InputRegex().Matches(html))
        {
            if (Attribute(input.Groups["attrs"].Value, "name") == name)
            {
                return WebUtility.HtmlDecode(Attribute(input.Groups["attrs"].Value, "value") ?? "");
            }
        }

        return null;
    }

    private static string? Attribute(string attributes, string name)
    {
        var match = Regex.Match(attributes, $@"(?:^|\s){name}\s*=\s*""(?<v>[^""]*)""", RegexOptions.IgnoreCase);
        return match.Success ? match.Groups["v"].Value : null;
    }

    private static string Snippet(string text) => text.Length <= 400 ? text : text[..400];

    [GeneratedRegex(@"<form(?<attrs>[^>]*)>(?<body>.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormRegex();

    [GeneratedRegex(@"<input(?<attrs>[^>]*)/?>", RegexOptions.IgnoreCase)]
    private static partial Regex InputRegex();

    [GeneratedRegex(@"<button(?<attrs>[^>]*type=""submit""[^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex ButtonRegex();
}
