using System.Globalization;

namespace NemLogin.Gateway.SelfService;

/// <summary>
/// Where the self-service pages live: one path, <c>/selvbetjening</c>, in Danish by default and in English by the pages'
/// language link (<c>?lang=en</c>, remembered in a cookie, as on the login pages).
/// </summary>
internal static class SelfServicePaths
{
    public const string Root = "/selvbetjening";
    public const string LogOut = Root + "/log-ud";
    public const string Grant = Root + "/fuldmagter/giv";
    public const string Request = Root + "/fuldmagter/anmod";

    /// <summary>The page's answer to a change on mandate <paramref name="id"/>: <c>tilbagekald</c>, <c>godkend</c>, <c>afvis</c>.</summary>
    public static string MandateAction(Guid id, string action) => $"{Root}/fuldmagter/{id.ToString("D", CultureInfo.InvariantCulture)}/{action}";

    public static string Organisation(string cvr) => $"{Root}/organisationer/{cvr}";
}
