using NemLogin.Gateway.ItSystems;
using NemLogin.Grains.Rights;
using static NemLogin.Gateway.Pages.HtmlPage;

namespace NemLogin.Gateway.SelfService.Mandates;

/// <summary>
/// The form that grants a mandate (the person is the grantor) or asks for one (the person is the grantee): the other person
/// by CPR number and name, the IT systems from the registered SPs and OIDC clients with optional privileges from their
/// catalogues, and the validity days. Errors are shown in a summary linked to the fields and at each field.
/// </summary>
internal static class MandateFormPage
{
    /// <summary>Where the IT systems' error links to when there is no system to link to.</summary>
    public const string SystemsFieldId = "system-0";
    public const string CprFieldId = "cpr";
    public const string NameFieldId = "name";
    public const string ValidFromFieldId = "valid-from";
    public const string ValidToFieldId = "valid-to";

    public static IResult Show(
        SelfServiceRequest request,
        MandateFormKind kind,
        MandateForm form,
        IReadOnlyList<ItSystemInfo> systems,
        IReadOnlyDictionary<ItSystem, PrivilegeCatalogue> catalogues,
        IReadOnlyList<FieldError> errors)
    {
        var grant = kind == MandateFormKind.Grant;
        var title = grant ? request.T("Giv en fuldmagt", "Grant a mandate") : request.T("Anmod om en fuldmagt", "Request a mandate");
        var intro = grant
            ? request.T(
                "Giv en anden person lov til at handle på dine vegne i de it-systemer, du vælger. Personen skal have logget ind med MitID her mindst én gang.",
                "Let another person act on your behalf at the IT systems you choose. The person must have logged in here with MitID at least once.")
            : request.T(
                "Bed en anden person om en fuldmagt til at handle på vedkommendes vegne. Personen godkender eller afviser anmodningen i sin selvbetjening.",
                "Ask another person for a mandate to act on their behalf. The person approves or declines the request in their self-service.");
        var party = grant ? request.T("Fuldmægtig (den der må handle for dig)", "Grantee (who may act for you)") : request.T("Fuldmagtsgiver (den du vil handle for)", "Grantor (whom you want to act for)");
        var action = grant ? SelfServicePaths.Grant : SelfServicePaths.Request;
        var body = $"""
            <h1>{E(title)}</h1>
            {FormHtml.ErrorSummary(request, errors)}
            <p>{E(intro)}</p>
            <form method="post" action="{action}" id="mandate-form" novalidate>
            {request.FormToken}{FormHtml.Hidden(MandateForm.RequestIdField, form.RequestId)}
            <fieldset><legend>{E(party)}</legend>
            {FormHtml.Input(CprFieldId, MandateForm.CprField, request.T("CPR-nummer", "CPR number"), form.Cpr, errors, request.T("10 cifre, for eksempel 010190-1234.", "10 digits, for example 010190-1234."), extra: " inputmode=\"numeric\" autocomplete=\"off\"")}
            {FormHtml.Input(NameFieldId, MandateForm.NameField, request.T("Fulde navn", "Full name"), form.Name, errors, request.T("Som det står i personens MitID.", "As it is in the person's MitID."), extra: " autocomplete=\"off\"")}
            </fieldset>
            {Systems(request, form.Systems, form.Privileges, systems, catalogues, errors)}
            {Validity(request, form.ValidFrom, form.ValidTo, errors)}
            <button type="submit">{E(grant ? request.T("Giv fuldmagt", "Grant mandate") : request.T("Send anmodning", "Send request"))}</button>
            </form>
            """;
        return SelfServiceLayout.Page(request, title, body, errors.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest, action);
    }

    /// <summary>The validity fieldset: two optional days.</summary>
    public static string Validity(SelfServiceRequest request, string validFrom, string validTo, IReadOnlyList<FieldError> errors) => $"""
        <fieldset><legend>{E(request.T("Gyldighed", "Validity"))}</legend>
        <p class="hint">{E(request.T("Uden startdato gælder fuldmagten fra nu; uden slutdato, til den tilbagekaldes.", "Without a start date the mandate applies from now; without an end date, until it is revoked."))}</p>
        {FormHtml.Input(ValidFromFieldId, MandateForm.ValidFromField, request.T("Fra og med (valgfri)", "From (optional)"), validFrom, errors, request.T("En dato, for eksempel 2027-12-31.", "A date, for example 2027-12-31."), "date")}
        {FormHtml.Input(ValidToFieldId, MandateForm.ValidToField, request.T("Til og med (valgfri)", "Until and including (optional)"), validTo, errors, request.T("En dato, for eksempel 2027-12-31.", "A date, for example 2027-12-31."), "date")}
        </fieldset>
        """;

    /// <summary>The IT systems fieldset: a checkbox per system and, for a system with a catalogue, one per privilege.</summary>
    public static string Systems(
        SelfServiceRequest request,
        IReadOnlyList<string> chosenSystems,
        IReadOnlyList<string> chosenPrivileges,
        IReadOnlyList<ItSystemInfo> systems,
        IReadOnlyDictionary<ItSystem, PrivilegeCatalogue> catalogues,
        IReadOnlyList<FieldError> errors)
    {
        var options = string.Concat(systems.Select((system, i) =>
        {
            var key = system.System.Key;
            var privileges = catalogues.TryGetValue(system.System, out var catalogue)
                ? $"""
                    <fieldset class="nested"><legend>{E(request.T($"Rettigheder i {system.DisplayName} (valgfrit: ingen valgt giver dem alle)", $"Privileges at {system.DisplayName} (optional: none chosen gives all of them)"))}</legend>
                    {string.Concat(catalogue.Privileges.Select((p, j) => Checkbox($"privilege-{i}-{j}", MandateForm.PrivilegeField, MandateForm.PrivilegeValue(p.Uri, key), p.Name, chosenPrivileges.Contains(MandateForm.PrivilegeValue(p.Uri, key)))))}
                    </fieldset>
                    """
                : string.Empty;
            return Checkbox($"system-{i}", MandateForm.SystemField, key, system.DisplayName, chosenSystems.Contains(key)) + privileges;
        }));
        var none = systems.Count == 0 ? $"<p>{E(request.T("Der er ingen it-systemer at vælge.", "There are no IT systems to choose."))}</p>" : string.Empty;
        return $"""
            <fieldset{(errors.Any(e => e.FieldId == SystemsFieldId) ? $" aria-describedby=\"{SystemsFieldId}-error\"" : string.Empty)}><legend>{E(request.T("It-systemer", "IT systems"))}</legend>
            {FormHtml.GroupError(SystemsFieldId, errors)}
            {none}{options}
            </fieldset>
            """;
    }

    private static string Checkbox(string id, string name, string value, string label, bool isChecked) =>
        $"""<div class="choice"><input type="checkbox" id="{E(id)}" name="{E(name)}" value="{E(value)}"{(isChecked ? " checked" : string.Empty)}> <label for="{E(id)}">{E(label)}</label></div>""";
}
