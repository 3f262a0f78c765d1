using System.Collections.Immutable;
using NemLogin.Gateway.Pages;
using NemLogin.Grains.Sessions;
using static NemLogin.Gateway.Pages.HtmlPage;

namespace NemLogin.Gateway.Login;

/// <summary>
/// "Whom do you act as?": a plain form (no JavaScript), one radio option per identity the person may act as, each labelled
/// with the organisation's name and CVR number; the form posts back to the same address. Danish by default, English at
/// the language link or by the browser's preference.
/// </summary>
internal static class ActingAsPage
{
    public const string ChoiceField = "acting_as";

    private sealed record Text(string Title, string Intro, string Legend, string Continue, string ChooseOne);

    private static readonly Text Danish = new(
        "Hvem handler du på vegne af?",
        "Du kan logge ind som medarbejder i mere end én organisation. Vælg den, du handler for hos denne tjeneste.",
        "Organisation",
        "Fortsæt",
        "Vælg en af organisationerne nedenfor.");

    private static readonly Text English = new(
        "Whom do you act as?",
        "You may log in as an employee of more than one organisation. Choose the one you act for at this service.",
        "Organisation",
        "Continue",
        "Choose one of the organisations below.");

    public static IResult Show(HttpContext context, string flowToken, ImmutableArray<ActingChoice> choices, bool unknownChoice = false)
    {
        var language = PageLanguage.Resolve(context);
        var text = language == PageLanguage.English ? English : Danish;
        var options = string.Concat(choices.Select((c, i) => $"""
            <div><input type="radio" id="acting-{i}" name="{ChoiceField}" value="{c.BusinessIdentityId}" required>
            <label for="acting-{i}">{E(c.OrganisationName ?? c.Cvr)} <span class="code">CVR {E(c.Cvr)}</span></label></div>
            """));
        var error = unknownChoice ? $"""<p class="error" id="choice-error" role="alert">{E(text.ChooseOne)}</p>""" : string.Empty;
        var body = $"""
            {PageLanguage.SwitchLink(context, language)}
            <h1>{E(text.Title)}</h1>
            <p>{E(text.Intro)}</p>
            {error}
            <form method="post" action="/login/act-as/{E(flowToken)}">
            <fieldset><legend>{E(text.Legend)}</legend>{options}</fieldset>
            <button type="submit">{E(text.Continue)}</button>
            </form>
            """;
        return Result(context, text.Title, body, unknownChoice ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK, language);
    }
}
