using NemLogin.Gateway.Mandates;
using NemLogin.Grains;
using NemLogin.Grains.Errors;
using NemLogin.Grains.Mandates;

namespace NemLogin.Gateway.SelfService.Mandates;

/// <summary>
/// A citizen's mandate pages: the overview, the grant and request forms and what they post, and the buttons' actions
/// (revoke, approve, decline, withdraw). Every change goes through <see cref="MandateAdministration"/> (audited with the
/// person's identity id as actor) after <see cref="SelfServiceAuthentication.ForChangeAsync"/> checked the session and the
/// form token, and every action on an existing mandate checks first that the mandate is the person's to change that way
/// (IDOR: another person's mandate id is refused with a page, audited, and nothing changes).
/// </summary>
internal sealed class MandatePages(
    SelfServiceAuthentication authentication,
    MandateViews views,
    MandateChoices choices,
    PersonLookup people,
    MandateAdministration administration,
    IGrainFactory grains)
{
    public async Task<IResult> OverviewAsync(HttpContext context)
    {
        var (request, answer) = await authentication.ForPageAsync(context);
        return request is null ? answer! : MandateOverviewPage.Show(request, await views.OverviewAsync(request.User.Party));
    }

    public async Task<IResult> FormAsync(HttpContext context, MandateFormKind kind)
    {
        var (request, answer) = await authentication.ForPageAsync(context);
        return request is null ? answer! : await ShowFormAsync(request, kind, MandateForm.New(), []);
    }

    /// <summary>The grant or request form sent: checked field by field, then by the grains; any error shows the form again and stores nothing.</summary>
    public async Task<IResult> SubmitAsync(HttpContext context, MandateFormKind kind)
    {
        var (request, answer) = await authentication.ForChangeAsync(context);
        if (request is null)
        {
            return answer!;
        }

        var form = MandateForm.Read(await context.Request.ReadFormAsync(context.RequestAborted));
        var errors = new List<FieldError>();
        var cpr = PersonLookup.NormaliseCpr(form.Cpr);
        if (cpr is null)
        {
            errors.Add(Field(MandateFormPage.CprFieldId, request.T("Skriv et CPR-nummer med 10 cifre.", "Enter a CPR number of 10 digits.")));
        }

        if (form.Name.Length is 0 or > 200)
        {
            errors.Add(Field(MandateFormPage.NameFieldId, request.T("Skriv personens fulde navn.", "Enter the person's full name.")));
        }

        var systems = await choices.SystemsAsync(request, form.Systems, form.Privileges, errors);
        var validFrom = MandateChoices.Day(request, form.ValidFrom, MandateFormPage.ValidFromFieldId, errors);
        var validTo = MandateChoices.Day(request, form.ValidTo, MandateFormPage.ValidToFieldId, errors);
        if (errors.Count > 0)
        {
            return await ShowFormAsync(request, kind, form, errors);
        }

        if (await people.FindAsync(cpr!, form.Name) is not { } other)
        {
            return await ShowFormAsync(request, kind, form, [Refusal(request, BrokerErrors.Name(BrokerError.MandatePersonUnknown), MandateFormPage.CprFieldId)]);
        }

        var me = request.User.Party;
        var them = MandateParty.Person(other);
        var details = kind == MandateFormKind.Grant
            ? new MandateDetails(me, them, systems, MandateChoices.From(validFrom), MandateChoices.To(validTo))
            : new MandateDetails(them, me, systems, MandateChoices.From(validFrom), MandateChoices.To(validTo));
        try
        {
            _ = kind == MandateFormKind.Grant
                ? await administration.GrantAsync(context, form.RequestId, details, request.User.Actor)
                : await administration.RequestAsync(context, form.RequestId, details, request.User.Actor);
        }
        catch (GrainRuleException ex)
        {
            return await ShowFormAsync(request, kind, form, [Refusal(request, ex.Code, FieldOf(ex.Code, kind))]);
        }

        return Done(context, kind == MandateFormKind.Grant ? "granted" : "requested");
    }

    /// <summary>
    /// A button on the overview: <c>tilbagekald</c> (the grantor revokes an active mandate, or the grantee withdraws a request),
    /// <c>godkend</c> and <c>afvis</c> (the grantor approves or declines a request). Anything else about this mandate is not the
    /// person's to do.
    /// </summary>
    public async Task<IResult> ActAsync(HttpContext context, string id, string action)
    {
        var (request, answer) = await authentication.ForChangeAsync(context);
        if (request is null)
        {
            return answer!;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var requestId = FormHtml.RequestIdOf(form);
        var mandate = Guid.TryParseExact(id, "D", out var mandateId) ? await grains.Reference<IMandateGrain>(mandateId).GetAsync() : null;
        var me = request.User.Party;
        var (auditAction, allowed, done, change) = action switch
        {
            "tilbagekald" when mandate?.Grantee == me && mandate.Status == MandateStatus.Requested =>
                (Audit.AuditActions.MandateRevoke, true, "withdrawn", (Func<Task<Mandate>>)(() => administration.RevokeAsync(context, mandateId, requestId, request.User.Actor))),
            "tilbagekald" => (Audit.AuditActions.MandateRevoke, mandate?.Grantor == me, "revoked", () => administration.RevokeAsync(context, mandateId, requestId, request.User.Actor)),
            "godkend" => (Audit.AuditActions.MandateApprove, mandate?.Grantor == me, "approved", () => administration.ApproveAsync(context, mandateId, requestId, request.User.Actor)),
            _ => (Audit.AuditActions.MandateDecline, mandate?.Grantor == me && mandate.Status == MandateStatus.Requested, "declined",
                () => administration.DeclineAsync(context, mandateId, requestId, request.User.Actor)),
        };

        if (!allowed)
        {
            // IDOR: someone else's mandate (or none) named by id. Refused before the mandate is asked to change.
            if (mandate is not null)
            {
                administration.RecordRefusal(context, auditAction, mandateId, request.User.Actor, BrokerError.SelfServiceNotYours);
            }

            return SelfServiceLayout.Refusal(context, request, request.Language, StatusCodes.Status403Forbidden,
                BrokerErrors.Name(BrokerError.SelfServiceNotYours), request.Text.NotYoursTitle, request.Text.NotYours);
        }

        try
        {
            await change();
        }
        catch (GrainRuleException ex)
        {
            return SelfServiceLayout.Refusal(context, request, request.Language, StatusCodes.Status409Conflict, ex.Code,
                request.T("Det kunne ikke gennemføres", "That could not be done"), RefusalText.For(ex.Code, request.Language));
        }

        return Done(context, done);
    }

    private async Task<IResult> ShowFormAsync(SelfServiceRequest request, MandateFormKind kind, MandateForm form, IReadOnlyList<FieldError> errors)
    {
        var (systems, catalogues) = await choices.OfferedAsync();
        return MandateFormPage.Show(request, kind, form, systems, catalogues, errors);
    }

    /// <summary>Which field a refusal from the grains concerns, so the summary links to it.</summary>
    private static string? FieldOf(string code, MandateFormKind kind) => BrokerErrors.TryParse(code, out var error) ? error switch
    {
        BrokerError.MandatePersonUnknown or BrokerError.MandatePersonAmbiguous or BrokerError.MandatePartyInvalid => MandateFormPage.CprFieldId,
        // A request names the grantor: too young to grant is about the person named, not the one asking.
        BrokerError.MandateGrantorUnderAge when kind == MandateFormKind.Request => MandateFormPage.CprFieldId,
        BrokerError.MandateValidityInvalid => MandateFormPage.ValidToFieldId,
        BrokerError.MandateSystemsInvalid or BrokerError.MandateItSystemUnknown or BrokerError.MandatePrivilegeUnknown => MandateFormPage.SystemsFieldId,
        _ => null,
    } : null;

    private static FieldError Field(string fieldId, string message) => MandateChoices.Field(fieldId, message);

    private static FieldError Refusal(SelfServiceRequest request, string code, string? fieldId) => new(fieldId, code, RefusalText.For(code, request.Language));

    /// <summary>After a change, the overview with a notice (POST, redirect, GET: a reload does not send the form again).</summary>
    private static IResult Done(HttpContext context, string what)
    {
        Pages.HtmlPage.NoStore(context);
        return TypedResults.Redirect($"{SelfServicePaths.Root}?{MandateOverviewPage.DoneParameter}={what}");
    }
}
