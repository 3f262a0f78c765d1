using System.Net;
using System.Text.RegularExpressions;
using NemLogin.Gateway.Tests.Support;

namespace NemLogin.Gateway.Tests.Logout;

/// <summary>One HTTP exchange of the browser, redirects not followed: where it went, and what came back.</summary>
public sealed partial record Hop(Uri Url, HttpStatusCode Status, Uri? Location, string Html)
{
    /// <summary>The Content-Security-Policy the broker sent with the page, when any.</summary>
    public string? Csp { get; init; }

    public bool IsRedirect => (int)Status is >= 300 and < 400 && Location is not null;

    public TestBrowser.Page Page => new(Url, Status, Html);

    public string? ErrorCode => Page.ErrorCode;

    /// <summary>The frame sources of a logout progress page, in participant order.</summary>
    public IReadOnlyList<string> FrameSources => [.. FrameRegex().Matches(Html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    [GeneratedRegex(@"<iframe src=""([^""]+)""")]
    private static partial Regex FrameRegex();
}
