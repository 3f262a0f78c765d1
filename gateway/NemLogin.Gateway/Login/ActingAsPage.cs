using System.Collections.Immutable;
using NemLogin.Gateway.Pages;
using NemLogin.Grains.Sessions;
using static NemLogin.Gateway.Pages.HtmlPage;

namespace NemLogin.Gateway.Login;

/// <summary>
/// "Whom do you act as?": a plain form (no JavaScript), one radio option per identity the person may act as, each labelled
/// with the organisation's name and CVR number; the form posts back to the same address.
/// </summary>
internal static class ActingAsPage
{
    public const string ChoiceField = "acting_as";

    public static IResult Show(HttpContext context, string flowToken, ImmutableArray<ActingChoice> choices, bool unknownChoice = false)
    {
        var options = string.Concat(choices.Select((c, i) => $"""
            <div><input type="radio" id="acting-{i}" name="{ChoiceField}" value="{c.BusinessIdentityId}" required{(i == 0 ? " checked" : string.Empty)}>
            <label for="acting-{i}">{E(c.OrganisationName ?? c.Cvr)} <span class="code">CVR {E(c.Cvr)}</span></label></div>
            """));
        var error = unknownChoice ? """<p class="error" id="choice-error" role="alert">Choose one of the organisations below.</p>""" : string.Empty;
        var body = $"""
            <h1>Whom do you act as?</h1>
            <p>You may log in as an employee of more than one organisation. Choose the one you act for at this service.</p>
            {error}
            <form method="post" action="/login/act-as/{E(flowToken)}">
            <fieldset><legend>Organisation</legend>{options}</fieldset>
            <button type="submit">Continue</button>
            </form>
            """;
        return HtmlPage.Result(context, "Whom do you act as?", body, unknownChoice ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }
}
