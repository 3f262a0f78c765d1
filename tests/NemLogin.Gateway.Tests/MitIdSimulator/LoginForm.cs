using System.Text.RegularExpressions;
using Xunit;

namespace NemLogin.Gateway.Tests.MitIdSimulator;

/// <summary>The hidden fields of the simulator's login form, read from the page as a browser would submit them.</summary>
internal sealed partial record LoginForm(string Action, string PendingId, string FormToken)
{
    public static LoginForm Parse(string html)
    {
        var action = FormAction().Match(html);
        var pending = Hidden("pending").Match(html);
        var token = Hidden("form_token").Match(html);
        Assert.True(action.Success && pending.Success && token.Success, "The page has no complete login form.");
        return new LoginForm(System.Net.WebUtility.HtmlDecode(action.Groups[1].Value), pending.Groups[1].Value, token.Groups[1].Value);
    }

    private static Regex Hidden(string name) => new($"<input type=\"hidden\" name=\"{name}\" value=\"([^\"]*)\">");

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]*)\">")]
    private static partial Regex FormAction();
}
