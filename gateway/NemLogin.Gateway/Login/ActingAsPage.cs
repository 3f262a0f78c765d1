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

    private sealed record Text(string Title, string Intro, string Legend, string Continue, string ChooseOne, string Yourself, string Mandate);

    private static readonly Text Danish = new(
        "Hvem handler du på vegne af?",
        "Du kan handle for mere end én hos denne tjeneste: som medarbejder i en organisation, som dig selv eller med en fuldmagt. Vælg, hvem du handler for.",
        "Handl som",
        "Fortsæt",
        "Vælg en af mulighederne nedenfor.",
        "Mig selv",
        "fuldmagt");

    private static readonly Text English = new(
        "Whom do you act as?",
        "You may act for more than one at this service: as an employee of an organisation, as yourself, or under a mandate. Choose whom you act for.",
        "Act as",
        "Continue",
        "Choose one of the options below.",
        "Myself",
        "mandate");

    private static string Label(ActingChoice choice, Text text) => choice.Kind switch
    {
        ActingChoiceKind.Self => E(text.Yourself),
        ActingChoiceKind.Mandate => $"""{E(choice.Label)} ({E(text.Mandate)}){(choice.Cvr is null ? string.Empty : $" <span class=\"code\">CVR {E(choice.Cvr)}</span>")}""",
        _ => $"""{E(choice.Label ?? choice.Cvr)} <span class="code">CVR {E(choice.Cvr)}</span>""",
    };

    public static IResult Show(HttpContext context, string flowToken, ImmutableArray<ActingChoice> choices, bool unknownChoice = false)
    {
        var language = PageLanguage.Resolve(context);
        var text = language == PageLanguage.English ? English : Danish;
        var options = string.Concat(choices.Select((c, i) => $"""
            <div><input type="radio" id="acting-{i}" name="{ChoiceField}" value="{c.Id}" required>
            <label for="acting-{i}">{Label(c, text)}</label></div>
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
