using NemLogin.Gateway.SelfService.Mandates;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.BusinessIdentities;
using NemLogin.Grains.Rights;
using static NemLogin.Gateway.Pages.HtmlPage;
using static NemLogin.Gateway.SelfService.Organisations.OrganisationForm;

namespace NemLogin.Gateway.SelfService.Organisations;

/// <summary>
/// An organisation administrator's page: employees (add by CPR number and name, suspend, reactivate, revoke), their rights
/// (grant an IT system's privilege within the organisation's CVR, P units or SE numbers; revoke), the business mandates the
/// organisation gave (to an organisation by CVR or to a person; revoke) and holds, and, for an IT-system provider, the
/// privileges catalogues of its systems. Plain forms, each with its form token and request id.
/// </summary>
internal static class OrganisationPage
{
    public const string DoneParameter = "done";

    public static IResult Show(SelfServiceRequest request, OrganisationView view, IReadOnlyList<FieldError> errors, OrganisationForm? posted)
    {
        var organisation = view.Organisation;
        var cvr = organisation.Cvr;
        var title = $"{organisation.Details.Name} (CVR {cvr})";
        var body = $"""
            <h1>{E(title)}</h1>
            {FormHtml.ErrorSummary(request, errors)}
            {Notice(request)}
            <p>{E(request.T("Du administrerer organisationen. Her styrer du dens medarbejdere, deres rettigheder og organisationens erhvervsfuldmagter.", "You administer the organisation. Here you manage its employees, their privileges and the organisation's business mandates."))}</p>
            <h2 id="employees">{E(request.T("Medarbejdere", "Employees"))}</h2>
            {Employees(request, view)}
            <h3 id="add-employee-heading">{E(request.T("Tilføj en medarbejder", "Add an employee"))}</h3>
            <form method="post" action="{OrganisationPaths.Employees(cvr)}" id="{AddEmployee}" aria-labelledby="add-employee-heading" novalidate>
            {request.FormToken}{FormHtml.Hidden("requestId", FormHtml.NewRequestId())}
            {FormHtml.Input(EmployeeCprId, "cpr", request.T("CPR-nummer", "CPR number"), Value(posted, AddEmployee, "cpr"), errors, request.T("Personen skal have logget ind med MitID her mindst én gang.", "The person must have logged in here with MitID at least once."), extra: " inputmode=\"numeric\" autocomplete=\"off\"")}
            {FormHtml.Input(EmployeeNameId, "name", request.T("Fulde navn", "Full name"), Value(posted, AddEmployee, "name"), errors, extra: " autocomplete=\"off\"")}
            {Select(EmployeeLoaId, "loa", request.T("Sikringsniveau for medarbejderens identitet", "Assurance level of the employee's identity"), errors,
                [("Substantial", request.T("Betydelig", "Substantial")), ("High", request.T("Høj", "High")), ("Low", request.T("Lav", "Low"))], Value(posted, AddEmployee, "loa"))}
            <button type="submit">{E(request.T("Tilføj medarbejder", "Add employee"))}</button>
            </form>
            <h3 id="grant-right-heading">{E(request.T("Giv en rettighed", "Grant a privilege"))}</h3>
            {GrantRight(request, view, errors, posted)}
            <h2 id="business-mandates">{E(request.T("Erhvervsfuldmagter", "Business mandates"))}</h2>
            <h3 id="org-given">{E(request.T("Givet af organisationen", "Granted by the organisation"))}</h3>
            {MandateOverviewPage.Table(request, "org-given", view.Mandates.Given, request.T("Fuldmægtig", "Grantee"), v => v.GranteeName, v =>
                v.Mandate.Status == Grains.Mandates.MandateStatus.Active
                    ? FormHtml.ActionButton(request, OrganisationPaths.RevokeMandate(cvr, v.Mandate.Id), request.T("Tilbagekald", "Revoke"),
                        request.T($"Tilbagekald erhvervsfuldmagten til {v.GranteeName}", $"Revoke the business mandate to {v.GranteeName}"))
                    : string.Empty)}
            <h3 id="org-received">{E(request.T("Givet til organisationen", "Granted to the organisation"))}</h3>
            {MandateOverviewPage.Table(request, "org-received", view.Mandates.Received, request.T("Fuldmagtsgiver", "Grantor"), v => v.GrantorName, _ => string.Empty)}
            <h3 id="business-mandate-heading">{E(request.T("Giv en erhvervsfuldmagt", "Grant a business mandate"))}</h3>
            {BusinessMandate(request, view, errors, posted)}
            <h2 id="it-systems">{E(request.T("Organisationens it-systemer", "The organisation's IT systems"))}</h2>
            {Provided(request, view)}
            """;
        return SelfServiceLayout.Page(request, title, body, errors.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest, OrganisationPaths.Page(cvr));
    }

    private static string Employees(SelfServiceRequest request, OrganisationView view)
    {
        if (view.Employees.Count == 0)
        {
            return $"<p id=\"employees-none\">{E(request.T("Ingen.", "None."))}</p>";
        }

        var cvr = view.Organisation.Cvr;
        var rows = string.Concat(view.Employees.Select(employee =>
        {
            var name = employee.PersonName ?? request.T("(ikke knyttet til en person)", "(not bound to a person)");
            var rights = employee.Rights.Count == 0
                ? E(request.T("Ingen", "None"))
                : string.Join("<br>", employee.Rights.Select(r => $"{E(r.SystemName)}: {E(r.PrivilegeName)} ({E(ScopeLabel(request, r.Right.Scope))}) " + RevokeRight(request, cvr, employee, r, name)));
            var status = employee.Identity.Status == BusinessIdentityStatus.Active
                ? StatusButton(request, cvr, employee, BusinessIdentityStatus.Suspended, request.T("Suspendér", "Suspend"), name)
                : StatusButton(request, cvr, employee, BusinessIdentityStatus.Active, request.T("Genaktivér", "Reactivate"), name);
            var actions = status + StatusButton(request, cvr, employee, BusinessIdentityStatus.Revoked, request.T("Slet", "Revoke"), name);
            return $"""
                <tr data-employee-id="{employee.Identity.Id}"><td>{E(name)}</td><td>{E(Status(request, employee.Identity.Status))}</td><td>{E(Loa(request, employee.Identity.Loa))}</td><td>{rights}</td><td>{actions}</td></tr>
                """;
        }));
        return $"""
            <table class="list" id="employees-table" aria-labelledby="employees"><thead><tr>
            <th scope="col">{E(request.T("Navn", "Name"))}</th><th scope="col">{E(request.T("Status", "Status"))}</th><th scope="col">{E(request.T("Sikringsniveau", "Assurance"))}</th><th scope="col">{E(request.T("Rettigheder", "Privileges"))}</th><th scope="col">{E(request.T("Handling", "Action"))}</th>
            </tr></thead><tbody>{rows}</tbody></table>
            """;
    }

    private static string StatusButton(SelfServiceRequest request, string cvr, EmployeeView employee, BusinessIdentityStatus status, string label, string name) =>
        $"""<form method="post" action="{OrganisationPaths.EmployeeStatus(cvr, employee.Identity.Id)}" class="inline">{request.FormToken}{FormHtml.Hidden("requestId", FormHtml.NewRequestId())}{FormHtml.Hidden("status", status.ToString())}<button type="submit" aria-label="{E($"{label}: {name}")}">{E(label)}</button></form>""";

    private static string RevokeRight(SelfServiceRequest request, string cvr, EmployeeView employee, RightView right, string name) =>
        $"""<form method="post" action="{OrganisationPaths.RevokeRight(cvr)}" class="inline">{request.FormToken}{FormHtml.Hidden("requestId", FormHtml.NewRequestId())}{FormHtml.Hidden("employee", employee.Identity.Id.ToString())}{FormHtml.Hidden("privilege", MandateForm.PrivilegeValue(right.Right.Privilege, right.Right.System.Key))}{FormHtml.Hidden("scope", right.Right.Scope.Urn)}<button type="submit" aria-label="{E(request.T($"Fjern {right.PrivilegeName} fra {name}", $"Remove {right.PrivilegeName} from {name}"))}">{E(request.T("Fjern", "Remove"))}</button></form>""";

    private static string GrantRight(SelfServiceRequest request, OrganisationView view, IReadOnlyList<FieldError> errors, OrganisationForm? posted)
    {
        var cvr = view.Organisation.Cvr;
        var employees = view.Employees.Where(e => e.Identity.Status == BusinessIdentityStatus.Active)
            .Select(e => (e.Identity.Id.ToString(), e.PersonName ?? request.T("(ikke knyttet)", "(not bound)") + " " + e.Identity.Id.ToString()[..8])).ToList();
        var groups = view.Systems.Where(s => view.Catalogues.ContainsKey(s.System)).Select(s =>
            (s.DisplayName, view.Catalogues[s.System].Privileges.Select(p => (MandateForm.PrivilegeValue(p.Uri, s.System.Key), p.Name)).ToList())).ToList();
        var scopes = new List<(string, string)> { (RightScope.Organisation(cvr).Urn, request.T($"Hele organisationen (CVR {cvr})", $"The whole organisation (CVR {cvr})")) };
        scopes.AddRange(view.Organisation.Details.ProductionUnits.Select(p => (RightScope.ProductionUnit(p).Urn, request.T($"P-nummer {p}", $"P number {p}"))));
        scopes.AddRange(view.Organisation.Details.SeNumbers.Select(se => (RightScope.SeNumber(se).Urn, request.T($"SE-nummer {se}", $"SE number {se}"))));
        if (employees.Count == 0 || groups.Count == 0)
        {
            return $"<p>{E(request.T("Der skal være en aktiv medarbejder og et it-system med et rettighedskatalog.", "There must be an active employee and an IT system with a privileges catalogue."))}</p>";
        }

        var privilegeError = errors.FirstOrDefault(e => e.FieldId == RightPrivilegeId);
        var privilegeOptions = string.Concat(groups.Select(g => $"""<optgroup label="{E(g.DisplayName)}">{string.Concat(g.Item2.Select(p => Option(p.Item1, p.Name, Value(posted, OrganisationForm.GrantRight, "privilege"))))}</optgroup>"""));
        return $"""
            <form method="post" action="{OrganisationPaths.Rights(cvr)}" id="{OrganisationForm.GrantRight}" aria-labelledby="grant-right-heading" novalidate>
            {request.FormToken}{FormHtml.Hidden("requestId", FormHtml.NewRequestId())}
            {Select(RightEmployeeId, "employee", request.T("Medarbejder", "Employee"), errors, employees, Value(posted, OrganisationForm.GrantRight, "employee"))}
            <label for="{RightPrivilegeId}">{E(request.T("Rettighed", "Privilege"))}</label>
            {(privilegeError is null ? string.Empty : $"<p class=\"field-error\" id=\"{RightPrivilegeId}-error\">{E(privilegeError.Message)}</p>")}
            <select id="{RightPrivilegeId}" name="privilege"{(privilegeError is null ? string.Empty : $" aria-describedby=\"{RightPrivilegeId}-error\" aria-invalid=\"true\"")}>{privilegeOptions}</select>
            {Select(RightScopeId, "scope", request.T("Gælder for", "Applies to"), errors, scopes, Value(posted, OrganisationForm.GrantRight, "scope"))}
            <button type="submit">{E(request.T("Giv rettighed", "Grant privilege"))}</button>
            </form>
            """;
    }

    private static string BusinessMandate(SelfServiceRequest request, OrganisationView view, IReadOnlyList<FieldError> errors, OrganisationForm? posted)
    {
        var kind = Value(posted, OrganisationForm.BusinessMandate, "granteeKind");
        var person = kind == "person";
        return $"""
            <form method="post" action="{OrganisationPaths.Mandates(view.Organisation.Cvr)}" id="{OrganisationForm.BusinessMandate}" aria-labelledby="business-mandate-heading" novalidate>
            {request.FormToken}{FormHtml.Hidden("requestId", FormHtml.NewRequestId())}
            <fieldset><legend>{E(request.T("Fuldmægtig", "Grantee"))}</legend>
            <div class="choice"><input type="radio" id="{GranteeKindId}" name="granteeKind" value="organisation"{(person ? string.Empty : " checked")}> <label for="{GranteeKindId}">{E(request.T("En organisation (udfyld CVR-nummer)", "An organisation (fill in the CVR number)"))}</label></div>
            <div class="choice"><input type="radio" id="grantee-kind-person" name="granteeKind" value="person"{(person ? " checked" : string.Empty)}> <label for="grantee-kind-person">{E(request.T("En person (udfyld CPR-nummer og navn)", "A person (fill in the CPR number and name)"))}</label></div>
            {FormHtml.Input(GranteeCvrId, "cvr", request.T("CVR-nummer", "CVR number"), Value(posted, OrganisationForm.BusinessMandate, "cvr"), errors, extra: " inputmode=\"numeric\" autocomplete=\"off\"")}
            {FormHtml.Input(GranteeCprId, "cpr", request.T("CPR-nummer", "CPR number"), Value(posted, OrganisationForm.BusinessMandate, "cpr"), errors, extra: " inputmode=\"numeric\" autocomplete=\"off\"")}
            {FormHtml.Input(GranteeNameId, "name", request.T("Fulde navn", "Full name"), Value(posted, OrganisationForm.BusinessMandate, "name"), errors, extra: " autocomplete=\"off\"")}
            </fieldset>
            {MandateFormPage.Systems(request, Values(posted, OrganisationForm.BusinessMandate, MandateForm.SystemField), Values(posted, OrganisationForm.BusinessMandate, MandateForm.PrivilegeField), view.Systems, view.Catalogues, errors)}
            {MandateFormPage.Validity(request, Value(posted, OrganisationForm.BusinessMandate, MandateForm.ValidFromField), Value(posted, OrganisationForm.BusinessMandate, MandateForm.ValidToField), errors)}
            <button type="submit">{E(request.T("Giv erhvervsfuldmagt", "Grant business mandate"))}</button>
            </form>
            """;
    }

    private static string Provided(SelfServiceRequest request, OrganisationView view)
    {
        if (view.Provided.Count == 0)
        {
            return $"<p id=\"it-systems-none\">{E(request.T("Organisationen er ikke udbyder af et it-system, der er registreret her.", "The organisation provides no IT system registered here."))}</p>";
        }

        return $"<p>{E(request.T("Organisationen udbyder disse it-systemer. Rettighedskatalogerne vedligeholdes af support.", "The organisation provides these IT systems. Support staff maintain the privileges catalogues."))}</p>"
            + string.Concat(view.Provided.Select((p, i) =>
            {
                var heading = $"<h3 id=\"provided-{i}\">{E(p.System.DisplayName)}</h3><p><span class=\"code\">{E(p.System.System.Id)}</span></p>";
                if (p.Catalogue is null)
                {
                    return heading + $"<p>{E(request.T("Intet rettighedskatalog.", "No privileges catalogue."))}</p>";
                }

                var rows = string.Concat(p.Catalogue.Privileges.Select(privilege => $"""
                    <tr><td>{E(privilege.Name)}</td><td><span class="code">{E(privilege.Uri)}</span></td><td>{E(string.Join(", ", privilege.Constraints.Select(c => $"{c.Name}: {c.Value}")))}</td></tr>
                    """));
                return heading + $"""
                    <table class="list" id="catalogue-{i}" aria-labelledby="provided-{i}"><thead><tr><th scope="col">{E(request.T("Rettighed", "Privilege"))}</th><th scope="col">URI</th><th scope="col">{E(request.T("Begrænsninger", "Constraints"))}</th></tr></thead>
                    <tbody>{rows}</tbody></table>
                    """;
            }));
    }

    private static string Select(string id, string name, string label, IReadOnlyList<FieldError> errors, IReadOnlyList<(string Value, string Label)> options, string selected)
    {
        var error = errors.FirstOrDefault(e => e.FieldId == id);
        return $"""
            <label for="{E(id)}">{E(label)}</label>
            {(error is null ? string.Empty : $"<p class=\"field-error\" id=\"{E(id)}-error\">{E(error.Message)}</p>")}
            <select id="{E(id)}" name="{E(name)}"{(error is null ? string.Empty : $" aria-describedby=\"{E(id)}-error\" aria-invalid=\"true\"")}>{string.Concat(options.Select(o => Option(o.Value, o.Label, selected)))}</select>
            """;
    }

    private static string Option(string value, string label, string selected) =>
        $"""<option value="{E(value)}"{(value == selected ? " selected" : string.Empty)}>{E(label)}</option>""";

    private static string Notice(SelfServiceRequest request)
    {
        var text = request.Http.Request.Query[DoneParameter].ToString() switch
        {
            "employee-added" => request.T("Medarbejderen er tilføjet.", "The employee is added."),
            "employee-status" => request.T("Medarbejderens status er ændret.", "The employee's status is changed."),
            "right-granted" => request.T("Rettigheden er givet.", "The privilege is granted."),
            "right-revoked" => request.T("Rettigheden er fjernet.", "The privilege is removed."),
            "mandate-granted" => request.T("Erhvervsfuldmagten er givet.", "The business mandate is granted."),
            "mandate-revoked" => request.T("Erhvervsfuldmagten er tilbagekaldt.", "The business mandate is revoked."),
            _ => null,
        };
        return FormHtml.Notice(text);
    }

    private static string ScopeLabel(SelfServiceRequest request, RightScope scope) => scope.Kind switch
    {
        RightScopeKind.ProductionUnit => request.T($"P-nummer {scope.Value}", $"P number {scope.Value}"),
        RightScopeKind.SeNumber => request.T($"SE-nummer {scope.Value}", $"SE number {scope.Value}"),
        _ => request.T($"hele organisationen", "the whole organisation"),
    };

    private static string Status(SelfServiceRequest request, BusinessIdentityStatus status) => status switch
    {
        BusinessIdentityStatus.Active => request.T("Aktiv", "Active"),
        BusinessIdentityStatus.Suspended => request.T("Suspenderet", "Suspended"),
        _ => request.T("Slettet", "Revoked"),
    };

    private static string Loa(SelfServiceRequest request, LevelOfAssurance loa) => loa switch
    {
        LevelOfAssurance.High => request.T("Høj", "High"),
        LevelOfAssurance.Substantial => request.T("Betydelig", "Substantial"),
        _ => request.T("Lav", "Low"),
    };
}
