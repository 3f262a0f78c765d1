using NemLogin.Gateway.Audit;
using NemLogin.Gateway.Mandates;
using NemLogin.Gateway.Organisations;
using NemLogin.Gateway.SelfService.Mandates;
using NemLogin.Grains;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.Audit;
using NemLogin.Grains.BusinessIdentities;
using NemLogin.Grains.Errors;
using NemLogin.Grains.Mandates;
using NemLogin.Grains.Organisations;
using NemLogin.Grains.Rights;
using static NemLogin.Gateway.SelfService.Organisations.OrganisationForm;

namespace NemLogin.Gateway.SelfService.Organisations;

/// <summary>
/// An organisation administrator's page and its changes. Broken access control is refused first: the CVR in the path must be
/// one the person administers now (<see cref="AdministeredOrganisations"/>), else a page and an audit record; an employee,
/// right or mandate named in a form must be this organisation's (the administration checks employees under the CVR, and a
/// mandate's grantor must be the organisation). Changes go through <see cref="OrganisationAdministration"/> and
/// <see cref="MandateAdministration"/>, audited with the administrator's business identity as actor.
/// </summary>
internal sealed class OrganisationPages(
    SelfServiceAuthentication authentication,
    OrganisationViews views,
    OrganisationAdministration organisations,
    MandateAdministration mandates,
    MandateChoices choices,
    PersonLookup people,
    IGrainFactory grains,
    IAuditTrail audit)
{
    public async Task<IResult> ShowAsync(HttpContext context, string cvr)
    {
        var (request, answer) = await authentication.ForPageAsync(context);
        if (request is null)
        {
            return answer!;
        }

        return Administered(request, cvr) is null ? NotAdministrator(request, cvr) : await PageAsync(request, cvr, [], null);
    }

    public Task<IResult> AddEmployeeAsync(HttpContext context, string cvr) => ChangeAsync(context, cvr, async (request, admin, form) =>
    {
        var errors = new List<FieldError>();
        var cpr = PersonLookup.NormaliseCpr(form["cpr"]);
        if (cpr is null)
        {
            errors.Add(MandateChoices.Field(EmployeeCprId, request.T("Skriv et CPR-nummer med 10 cifre.", "Enter a CPR number of 10 digits.")));
        }

        if (form["name"].ToString().Trim().Length is 0 or > 200)
        {
            errors.Add(MandateChoices.Field(EmployeeNameId, request.T("Skriv personens fulde navn.", "Enter the person's full name.")));
        }

        if (!Enum.TryParse<LevelOfAssurance>(form["loa"], out var loa) || loa is not (LevelOfAssurance.Low or LevelOfAssurance.Substantial or LevelOfAssurance.High))
        {
            errors.Add(MandateChoices.Field(EmployeeLoaId, request.T("Vælg et sikringsniveau.", "Choose an assurance level.")));
        }

        if (errors.Count > 0)
        {
            return await PageAsync(request, cvr, errors, new OrganisationForm(AddEmployee, form));
        }

        if (await people.FindAsync(cpr!, form["name"].ToString()) is not { } personId)
        {
            return await PageAsync(request, cvr, [Refusal(request, BrokerErrors.Name(BrokerError.EmployeePersonUnknown), EmployeeCprId)], new OrganisationForm(AddEmployee, form));
        }

        return await RefusedOnPageAsync(request, cvr, new OrganisationForm(AddEmployee, form), _ => EmployeeCprId, async () =>
        {
            await organisations.AddEmployeeAsync(request.Http, cvr, FormHtml.RequestIdOf(form), new EmployeeDetails(personId, loa, null, null), admin.AdministratorId.ToString());
            return "employee-added";
        });
    });

    public Task<IResult> SetStatusAsync(HttpContext context, string cvr, string id) => ChangeAsync(context, cvr, async (request, admin, form) =>
    {
        if (!Guid.TryParseExact(id, "D", out var employeeId) || !Enum.TryParse<BusinessIdentityStatus>(form["status"], out var status) || !Enum.IsDefined(status))
        {
            return NotYours(request);
        }

        return await RefusedAsPageAsync(request, cvr, async () =>
        {
            await organisations.SetStatusAsync(request.Http, cvr, employeeId, FormHtml.RequestIdOf(form), status, admin.AdministratorId.ToString());
            return "employee-status";
        });
    });

    public Task<IResult> GrantRightAsync(HttpContext context, string cvr) => ChangeAsync(context, cvr, async (request, admin, form) =>
    {
        var posted = new OrganisationForm(OrganisationForm.GrantRight, form);
        if (RightOf(form) is not { } right || !Guid.TryParseExact(form["employee"], "D", out var employeeId))
        {
            return await PageAsync(request, cvr, [MandateChoices.Field(RightPrivilegeId, request.T("Vælg medarbejder, rettighed og hvor den gælder.", "Choose the employee, the privilege and where it applies."))], posted);
        }

        return await RefusedOnPageAsync(request, cvr, posted, RightField, async () =>
        {
            await organisations.GrantAsync(request.Http, cvr, employeeId, FormHtml.RequestIdOf(form), right, admin.AdministratorId.ToString());
            return "right-granted";
        });
    });

    public Task<IResult> RevokeRightAsync(HttpContext context, string cvr) => ChangeAsync(context, cvr, async (request, admin, form) =>
    {
        if (RightOf(form) is not { } right || !Guid.TryParseExact(form["employee"], "D", out var employeeId))
        {
            return NotYours(request);
        }

        return await RefusedAsPageAsync(request, cvr, async () =>
        {
            await organisations.RevokeRightAsync(request.Http, cvr, employeeId, FormHtml.RequestIdOf(form), right, admin.AdministratorId.ToString());
            return "right-revoked";
        });
    });

    /// <summary>A business mandate from the organisation to another organisation (by CVR) or to a person (by CPR number and name).</summary>
    public Task<IResult> GrantMandateAsync(HttpContext context, string cvr) => ChangeAsync(context, cvr, async (request, admin, form) =>
    {
        var posted = new OrganisationForm(BusinessMandate, form);
        var errors = new List<FieldError>();
        var toPerson = form["granteeKind"].ToString() == "person";
        var granteeCvr = form["cvr"].ToString().Trim();
        var cpr = PersonLookup.NormaliseCpr(form["cpr"]);
        if (!toPerson && !BusinessNumbers.IsCvr(granteeCvr))
        {
            errors.Add(MandateChoices.Field(GranteeCvrId, request.T("Skriv et gyldigt CVR-nummer med 8 cifre.", "Enter a valid CVR number of 8 digits.")));
        }

        if (toPerson && cpr is null)
        {
            errors.Add(MandateChoices.Field(GranteeCprId, request.T("Skriv et CPR-nummer med 10 cifre.", "Enter a CPR number of 10 digits.")));
        }

        if (toPerson && form["name"].ToString().Trim().Length is 0 or > 200)
        {
            errors.Add(MandateChoices.Field(GranteeNameId, request.T("Skriv personens fulde navn.", "Enter the person's full name.")));
        }

        var systems = await choices.SystemsAsync(request, [.. form[MandateForm.SystemField].OfType<string>()], [.. form[MandateForm.PrivilegeField].OfType<string>()], errors);
        var from = MandateChoices.Day(request, form[MandateForm.ValidFromField].ToString().Trim(), MandateFormPage.ValidFromFieldId, errors);
        var to = MandateChoices.Day(request, form[MandateForm.ValidToField].ToString().Trim(), MandateFormPage.ValidToFieldId, errors);
        if (errors.Count > 0)
        {
            return await PageAsync(request, cvr, errors, posted);
        }

        MandateParty grantee;
        if (!toPerson)
        {
            grantee = MandateParty.Organisation(granteeCvr);
        }
        else if (await people.FindAsync(cpr!, form["name"].ToString()) is { } personId)
        {
            grantee = MandateParty.Person(personId);
        }
        else
        {
            return await PageAsync(request, cvr, [Refusal(request, BrokerErrors.Name(BrokerError.MandatePersonUnknown), GranteeCprId)], posted);
        }

        var details = new MandateDetails(MandateParty.Organisation(cvr), grantee, systems, MandateChoices.From(from), MandateChoices.To(to));
        return await RefusedOnPageAsync(request, cvr, posted, code => MandateField(code, toPerson), async () =>
        {
            await mandates.GrantAsync(request.Http, FormHtml.RequestIdOf(form), details, admin.AdministratorId.ToString());
            return "mandate-granted";
        });
    });

    public Task<IResult> RevokeMandateAsync(HttpContext context, string cvr, string id) => ChangeAsync(context, cvr, async (request, admin, form) =>
    {
        var mandate = Guid.TryParseExact(id, "D", out var mandateId) ? await grains.Reference<IMandateGrain>(mandateId).GetAsync() : null;
        if (mandate?.Grantor != MandateParty.Organisation(cvr))
        {
            // IDOR: another organisation's (or a person's) mandate named by id.
            if (mandate is not null)
            {
                mandates.RecordRefusal(request.Http, AuditActions.MandateRevoke, mandateId, admin.AdministratorId.ToString(), BrokerError.SelfServiceNotYours);
            }

            return NotYours(request);
        }

        return await RefusedAsPageAsync(request, cvr, async () =>
        {
            await mandates.RevokeAsync(request.Http, mandateId, FormHtml.RequestIdOf(form), admin.AdministratorId.ToString());
            return "mandate-revoked";
        });
    });

    /// <summary>A change: the session and form token (<see cref="SelfServiceAuthentication.ForChangeAsync"/>), then the organisation's administrator.</summary>
    private async Task<IResult> ChangeAsync(HttpContext context, string cvr, Func<SelfServiceRequest, AdministeredOrganisation, IFormCollection, Task<IResult>> change)
    {
        var (request, answer) = await authentication.ForChangeAsync(context);
        if (request is null)
        {
            return answer!;
        }

        return Administered(request, cvr) is { } admin
            ? await change(request, admin, await context.Request.ReadFormAsync(context.RequestAborted))
            : NotAdministrator(request, cvr);
    }

    private static AdministeredOrganisation? Administered(SelfServiceRequest request, string cvr) =>
        request.Organisations.FirstOrDefault(o => o.Cvr == cvr);

    private async Task<IResult> PageAsync(SelfServiceRequest request, string cvr, IReadOnlyList<FieldError> errors, OrganisationForm? posted) =>
        await views.ForAsync(cvr) is { } view ? OrganisationPage.Show(request, view, errors, posted) : NotAdministrator(request, cvr);

    /// <summary>A form's change; a refusal shows the page again with the code's text at the field it concerns.</summary>
    private async Task<IResult> RefusedOnPageAsync(SelfServiceRequest request, string cvr, OrganisationForm posted, Func<string, string?> fieldOf, Func<Task<string>> change)
    {
        try
        {
            return Done(request, cvr, await change());
        }
        catch (GrainRuleException ex)
        {
            return await PageAsync(request, cvr, [Refusal(request, ex.Code, fieldOf(ex.Code))], posted);
        }
    }

    /// <summary>A button's change; a refusal is a page with the code's text.</summary>
    private static async Task<IResult> RefusedAsPageAsync(SelfServiceRequest request, string cvr, Func<Task<string>> change)
    {
        try
        {
            return Done(request, cvr, await change());
        }
        catch (GrainRuleException ex)
        {
            return SelfServiceLayout.Refusal(request.Http, request, request.Language, StatusCodes.Status409Conflict, ex.Code,
                request.T("Det kunne ikke gennemføres", "That could not be done"), RefusalText.For(ex.Code, request.Language));
        }
    }

    /// <summary>The right a form names: a privilege of a system (<c>{uri} {system key}</c>) and a scope URN of an organisation.</summary>
    private static Right? RightOf(IFormCollection form) =>
        MandateForm.ReadPrivilege(form["privilege"].ToString()) is { } privilege && ItSystem.FromKey(privilege.SystemKey) is { } system
        && RightScope.FromUrn(form["scope"].ToString()) is { } scope
            ? new Right(system, privilege.Uri, scope)
            : null;

    private static string? RightField(string code) => BrokerErrors.TryParse(code, out var error) ? error switch
    {
        BrokerError.RightsPrivilegeUnknown or BrokerError.PrivilegesItSystemUnknown => RightPrivilegeId,
        BrokerError.RightsScopeInvalid or BrokerError.OrganisationScopeNotOwned => RightScopeId,
        BrokerError.EmployeeUnknown or BrokerError.EmployeeNotActive or BrokerError.EmployeeRevoked => RightEmployeeId,
        _ => null,
    } : null;

    private static string? MandateField(string code, bool toPerson) => BrokerErrors.TryParse(code, out var error) ? error switch
    {
        BrokerError.MandatePersonUnknown or BrokerError.MandatePersonAmbiguous => GranteeCprId,
        BrokerError.MandateOrganisationUnknown or BrokerError.MandatePartyInvalid => toPerson ? GranteeCprId : GranteeCvrId,
        BrokerError.MandateValidityInvalid => MandateFormPage.ValidToFieldId,
        BrokerError.MandateSystemsInvalid or BrokerError.MandateItSystemUnknown or BrokerError.MandatePrivilegeUnknown => MandateFormPage.SystemsFieldId,
        _ => null,
    } : null;

    private static FieldError Refusal(SelfServiceRequest request, string code, string? fieldId) => new(fieldId, code, RefusalText.For(code, request.Language));

    private static IResult NotYours(SelfServiceRequest request) =>
        SelfServiceLayout.Refusal(request.Http, request, request.Language, StatusCodes.Status403Forbidden,
            BrokerErrors.Name(BrokerError.SelfServiceNotYours), request.Text.NotYoursTitle, request.Text.NotYours);

    /// <summary>Broken access control: an organisation the person does not administer, named in the path. A page and an audit record.</summary>
    private IResult NotAdministrator(SelfServiceRequest request, string cvr)
    {
        var code = BrokerErrors.Name(BrokerError.SelfServiceNotAdministrator);
        audit.Record(request.Http, new AuditEvent(AuditCategory.Refusal, AuditActions.SelfServiceForm, AuditOutcome.Refused)
        {
            Actor = request.User.Actor,
            Code = code,
            Detail = BusinessNumbers.IsCvr(cvr) ? $"cvr {cvr}" : null,
        });
        return SelfServiceLayout.Refusal(request.Http, request, request.Language, StatusCodes.Status403Forbidden, code, request.Text.NotAdministratorTitle, request.Text.NotAdministrator);
    }

    /// <summary>After a change, the organisation's page with a notice (POST, redirect, GET).</summary>
    private static IResult Done(SelfServiceRequest request, string cvr, string what)
    {
        Pages.HtmlPage.NoStore(request.Http);
        return TypedResults.Redirect($"{OrganisationPaths.Page(cvr)}?{OrganisationPage.DoneParameter}={what}");
    }
}
