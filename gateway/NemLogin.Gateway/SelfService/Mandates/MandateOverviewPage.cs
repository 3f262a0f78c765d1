using NemLogin.Grains.Mandates;
using static NemLogin.Gateway.Pages.HtmlPage;

namespace NemLogin.Gateway.SelfService.Mandates;

/// <summary>
/// The self-service start page: the person's mandates in four tables (given, requests waiting for them, received, their own
/// requests), each with the other party by name, the IT systems by name, the validity and the status, and the buttons
/// for what the person may do (revoke what they gave, approve or decline what they were asked for, withdraw their request).
/// </summary>
internal static class MandateOverviewPage
{
    /// <summary>The query parameter a change redirects with, naming what was done (shown as a notice).</summary>
    public const string DoneParameter = "done";

    public static IResult Show(SelfServiceRequest request, MandateOverview overview)
    {
        var title = request.T("Dine fuldmagter", "Your mandates");
        var body = $"""
            <h1>{E(title)}</h1>
            {Notice(request)}
            <p>{E(request.T("Her ser du de fuldmagter, du har givet og fået, og anmodninger om fuldmagt.", "Here are the mandates you have granted and received, and requests for mandates."))}
            <a href="{SelfServicePaths.Grant}">{E(request.Text.Grant)}</a> &middot; <a href="{SelfServicePaths.Request}">{E(request.Text.Request)}</a></p>
            <h2 id="given">{E(request.T("Fuldmagter du har givet", "Mandates you have granted"))}</h2>
            {Table(request, "given", overview.Given, request.T("Fuldmægtig", "Grantee"), v => v.GranteeName, v =>
                v.Mandate.Status == MandateStatus.Active
                    ? FormHtml.ActionButton(request, SelfServicePaths.MandateAction(v.Mandate.Id, "tilbagekald"), request.T("Tilbagekald", "Revoke"),
                        request.T($"Tilbagekald fuldmagten til {v.GranteeName}", $"Revoke the mandate to {v.GranteeName}"))
                    : string.Empty)}
            <h2 id="requested-of-me">{E(request.T("Anmodninger til dig", "Requests to you"))}</h2>
            {Table(request, "requested-of-me", overview.RequestedOfMe, request.T("Anmoder", "Requested by"), v => v.GranteeName, v =>
                FormHtml.ActionButton(request, SelfServicePaths.MandateAction(v.Mandate.Id, "godkend"), request.T("Godkend", "Approve"),
                    request.T($"Godkend anmodningen fra {v.GranteeName}", $"Approve the request from {v.GranteeName}"))
                + FormHtml.ActionButton(request, SelfServicePaths.MandateAction(v.Mandate.Id, "afvis"), request.T("Afvis", "Decline"),
                    request.T($"Afvis anmodningen fra {v.GranteeName}", $"Decline the request from {v.GranteeName}")))}
            <h2 id="received">{E(request.T("Fuldmagter du har fået", "Mandates you have received"))}</h2>
            {Table(request, "received", overview.Received, request.T("Fuldmagtsgiver", "Grantor"), v => v.GrantorName, _ => string.Empty)}
            <h2 id="my-requests">{E(request.T("Dine anmodninger", "Your requests"))}</h2>
            {Table(request, "my-requests", overview.MyRequests, request.T("Anmodet hos", "Asked of"), v => v.GrantorName, v =>
                FormHtml.ActionButton(request, SelfServicePaths.MandateAction(v.Mandate.Id, "tilbagekald"), request.T("Træk tilbage", "Withdraw"),
                    request.T($"Træk anmodningen til {v.GrantorName} tilbage", $"Withdraw the request to {v.GrantorName}")))}
            """;
        return SelfServiceLayout.Page(request, title, body);
    }

    private static string Notice(SelfServiceRequest request)
    {
        var text = request.Http.Request.Query[DoneParameter].ToString() switch
        {
            "granted" => request.T("Fuldmagten er givet.", "The mandate is granted."),
            "requested" => request.T("Anmodningen er sendt.", "The request is sent."),
            "revoked" => request.T("Fuldmagten er tilbagekaldt.", "The mandate is revoked."),
            "approved" => request.T("Anmodningen er godkendt; fuldmagten gælder nu.", "The request is approved; the mandate applies now."),
            "declined" => request.T("Anmodningen er afvist.", "The request is declined."),
            "withdrawn" => request.T("Anmodningen er trukket tilbage.", "The request is withdrawn."),
            _ => null,
        };
        return FormHtml.Notice(text);
    }

    public static string Table(SelfServiceRequest request, string id, IReadOnlyList<MandateView> views, string partyHeading, Func<MandateView, string> party, Func<MandateView, string> actions)
    {
        if (views.Count == 0)
        {
            return $"""<p id="{id}-none">{E(request.T("Ingen.", "None."))}</p>""";
        }

        var rows = string.Concat(views.Select(v => $"""
            <tr data-mandate-id="{v.Mandate.Id}"><td>{E(party(v))}</td><td>{Systems(request, v)}</td><td>{E(Validity(request, v.Mandate))}</td><td>{E(Status(request, v.Mandate.Status))}</td><td>{actions(v)}</td></tr>
            """));
        return $"""
            <table class="list" id="{id}-table" aria-labelledby="{id}"><thead><tr>
            <th scope="col">{E(partyHeading)}</th><th scope="col">{E(request.T("It-systemer", "IT systems"))}</th><th scope="col">{E(request.T("Gyldighed", "Validity"))}</th><th scope="col">{E(request.T("Status", "Status"))}</th><th scope="col">{E(request.T("Handling", "Action"))}</th>
            </tr></thead><tbody>{rows}</tbody></table>
            """;
    }

    private static string Systems(SelfServiceRequest request, MandateView view) => string.Join("<br>", view.Systems.Select(s =>
        E(s.Name) + (s.Privileges.Count == 0 ? string.Empty : " (" + E(string.Join(", ", s.Privileges)) + ")")));

    public static string Validity(SelfServiceRequest request, Mandate mandate) => mandate.ValidTo is { } to
        ? request.T($"{DanishDates.Show(mandate.ValidFrom)} til og med {DanishDates.ShowLastDay(to)}", $"{DanishDates.Show(mandate.ValidFrom)} until and including {DanishDates.ShowLastDay(to)}")
        : request.T($"fra {DanishDates.Show(mandate.ValidFrom)}, til den tilbagekaldes", $"from {DanishDates.Show(mandate.ValidFrom)}, until revoked");

    public static string Status(SelfServiceRequest request, MandateStatus status) => status switch
    {
        MandateStatus.Active => request.T("Aktiv", "Active"),
        MandateStatus.Requested => request.T("Afventer godkendelse", "Awaiting approval"),
        MandateStatus.Revoked => request.T("Tilbagekaldt", "Revoked"),
        _ => request.T("Udløbet", "Expired"),
    };
}
