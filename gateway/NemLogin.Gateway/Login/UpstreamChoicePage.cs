using NemLogin.Gateway.Pages;

namespace NemLogin.Gateway.Login;

/// <summary>
/// The upstream choice, server-rendered without JavaScript: MitID, or the organisation's own IdP found by e-mail address or
/// CVR. Danish by default, English at the language link or by the browser's preference (<see cref="PageLanguage"/>, as the
/// question of whom to act as); the link leads to <see cref="PathFor"/>, which shows the same choice for the same flow. The
/// form posts to <see cref="ActionPath"/> with the flow token it was given; every field has a visible label.
/// </summary>
internal static class UpstreamChoicePage
{
    public const string ActionPath = "/login/upstream";

    /// <summary>The page's own address for a flow: where its language link leads (GET shows the same choice again).</summary>
    public static string PathFor(string flowToken) => ActionPath + "/" + Uri.EscapeDataString(flowToken);

    public static IResult Show(HttpContext context, string flowToken, bool notFound)
    {
        var language = PageLanguage.Resolve(context);
        var t = language == PageLanguage.English ? English : Danish;
        var error = notFound
            ? $"""<p class="error" role="alert" id="organisation-error">{HtmlPage.E(t.NotFound)}</p>"""
            : string.Empty;
        var body = $"""
            {PageLanguage.SwitchLink(context, language, PathFor(flowToken))}
            <h1>{HtmlPage.E(t.Title)}</h1>
            <form method="post" action="{ActionPath}">
            <input type="hidden" name="flow" value="{HtmlPage.E(flowToken)}">
            <p><button type="submit" name="choice" value="mitid">{HtmlPage.E(t.MitId)}</button></p>
            <h2>{HtmlPage.E(t.OrganisationHeading)}</h2>
            {error}
            <p><label for="organisation">{HtmlPage.E(t.OrganisationLabel)}</label><br>
            <input id="organisation" name="organisation" type="text" autocomplete="email" size="40"{(notFound ? " aria-describedby=\"organisation-error\" aria-invalid=\"true\"" : string.Empty)}></p>
            <p><button type="submit" name="choice" value="organisation">{HtmlPage.E(t.Organisation)}</button></p>
            </form>
            """;
        return HtmlPage.Result(context, t.Title, body, StatusCodes.Status200OK, language);
    }

    private sealed record Texts(string Title, string MitId, string OrganisationHeading, string OrganisationLabel, string Organisation, string NotFound);

    private static readonly Texts Danish = new(
        "Log ind", "Log ind med MitID", "Log ind via din organisation",
        "Din arbejds-e-mail eller organisationens CVR-nummer", "Fortsæt til din organisation",
        "Vi fandt ingen organisation med egen login-løsning for det du skrev. Prøv igen, eller log ind med MitID.");

    private static readonly Texts English = new(
        "Log in", "Log in with MitID", "Log in through your organisation",
        "Your work e-mail address or your organisation's CVR number", "Continue to your organisation",
        "No organisation with its own login matches what you entered. Try again, or log in with MitID.");
}
