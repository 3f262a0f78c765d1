using System.Net;
using System.Text.RegularExpressions;

namespace NemLogin.LoadTests.Http;

/// <summary>One HTTP answer as a browser would keep it: where it came from, status, redirect target, body, bytes moved.</summary>
public sealed partial record HttpPage(Uri Url, int Status, Uri? Location, string Body, long Bytes)
{
    public bool IsRedirect => Status is 301 or 302 or 303 or 307 or 308 && Location is not null;

    /// <summary>The stable error code an error page of the broker or the simulator shows, or null.</summary>
    public string? ErrorCode
    {
        get
        {
            var match = ErrorCodeRegex().Match(Body);
            return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
        }
    }

    /// <summary>A failure status naming what came back instead, e.g. <c>400 saml.12.IssuerUnknown</c>.</summary>
    public string Describe() => ErrorCode is { } code ? $"{Status} {code}" : Status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"data-error-code=""([^""]+)""")]
    private static partial Regex ErrorCodeRegex();
}
