using System.Net;
using System.Text.RegularExpressions;

namespace NemLogin.LoadTests.Http;

/// <summary>
/// The first form of a page with its hidden fields: enough for the broker's auto-post form and the simulator's
/// login form, which are plain HTML by design (they work without JavaScript).
/// </summary>
public sealed partial record HtmlForm(Uri Action, string Method, IReadOnlyDictionary<string, string> Fields)
{
    public static HtmlForm? Find(HttpPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var form = FormRegex().Match(page.Body);
        if (!form.Success)
        {
            return null;
        }

        var attributes = form.Groups["attrs"].Value;
        var action = Attribute(attributes, "action") is { } raw ? new Uri(page.Url, WebUtility.HtmlDecode(raw)) : page.Url;
        var method = (Attribute(attributes, "method") ?? "get").ToLowerInvariant();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in InputRegex().Matches(form.Groups["body"].Value))
        {
            var inputAttributes = input.Groups["attrs"].Value;
            if (Attribute(inputAttributes, "type") is "hidden" && Attribute(inputAttributes, "name") is { } name)
            {
                fields[WebUtility.HtmlDecode(name)] = WebUtility.HtmlDecode(Attribute(inputAttributes, "value") ?? string.Empty);
            }
        }

        return new HtmlForm(action, method, fields);
    }

    internal static string? Attribute(string attributes, string name)
    {
        foreach (Match match in AttributeRegex().Matches(attributes))
        {
            if (string.Equals(match.Groups["n"].Value, name, StringComparison.OrdinalIgnoreCase))
            {
                return match.Groups["v"].Value;
            }
        }

        return null;
    }

    [GeneratedRegex(@"<form(?<attrs>[^>]*)>(?<body>.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormRegex();

    [GeneratedRegex(@"<input(?<attrs>[^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex InputRegex();

    [GeneratedRegex(@"(?<n>[a-zA-Z_:-]+)\s*=\s*""(?<v>[^""]*)""")]
    private static partial Regex AttributeRegex();
}
