using NemLogin.Gateway.Audit;
using NemLogin.Grains;
using NemLogin.Grains.Audit;
using NemLogin.Grains.Errors;
using NemLogin.Grains.Identities;
using NemLogin.Grains.Mandates;

namespace NemLogin.Gateway.Mandates;

/// <summary>
/// Every change to mandates from the gateway (admin API, self-service pages, demo seeding), each audited with its outcome.
/// Records and log lines name the mandate, the parties by identity id or CVR and the IT systems by id; never a name, never
/// a CPR number. Refusals are rethrown (<see cref="GrainRuleException"/>) for the caller to answer.
/// </summary>
internal sealed class MandateAdministration(IGrainFactory grains, IAuditTrail audit, ILogger<MandateAdministration> logger)
{
    /// <summary>Grants a mandate, active at once.</summary>
    public Task<Mandate> GrantAsync(HttpContext? context, string requestId, MandateDetails details, string actor) =>
        CreateAsync(context, AuditActions.MandateGrant, details, actor, grantor => grantor.GrantAsync(requestId, details));

    /// <summary>The grantee asks the grantor for a mandate: stored as Requested until the grantor approves it.</summary>
    public Task<Mandate> RequestAsync(HttpContext? context, string requestId, MandateDetails details, string actor) =>
        CreateAsync(context, AuditActions.MandateRequest, details, actor, grantor => grantor.RequestAsync(requestId, details));

    public Task<Mandate> RevokeAsync(HttpContext? context, Guid mandateId, string requestId, string actor) =>
        ChangeAsync(context, AuditActions.MandateRevoke, mandateId, actor, mandate => mandate.RevokeAsync(requestId));

    /// <summary>The grantor approves a requested mandate: it becomes active.</summary>
    public Task<Mandate> ApproveAsync(HttpContext? context, Guid mandateId, string requestId, string actor) =>
        ChangeAsync(context, AuditActions.MandateApprove, mandateId, actor, mandate => mandate.ApproveAsync(requestId));

    /// <summary>
    /// The grantor declines a requested mandate: revoked for good, audited as a decline. Only a request is declined
    /// (<c>mandate.not-requested</c> otherwise; an active mandate is revoked); a repeat answers the declined mandate.
    /// </summary>
    public Task<Mandate> DeclineAsync(HttpContext? context, Guid mandateId, string requestId, string actor) =>
        ChangeAsync(context, AuditActions.MandateDecline, mandateId, actor, async mandate =>
            await mandate.GetAsync() is { Status: MandateStatus.Requested or MandateStatus.Revoked }
                ? await mandate.RevokeAsync(requestId)
                : throw Refusal(BrokerError.MandateNotRequested, "Only a requested mandate is declined."));

    /// <summary>
    /// Records an attempt to change a mandate the caller may not change (another person's, by its id): refused with
    /// <paramref name="error"/> before the mandate was asked, so nothing changed.
    /// </summary>
    public void RecordRefusal(HttpContext? context, string action, Guid mandateId, string actor, BrokerError error) =>
        Refused(context, action, actor, mandateId, null, Refusal(error, "Refused before the mandate was asked."));

    /// <summary>
    /// The private identity of the person with this CPR number, from the CPR index (so only a person who has logged in at
    /// the broker), checked against the identity itself. Refused: <c>mandate.person-unknown</c>, <c>mandate.person-ambiguous</c>.
    /// </summary>
    public async Task<Guid> FindPersonByCprAsync(string cprNumber)
    {
        var holders = await CprHolders.FindAsync(grains, cprNumber);
        return holders.Length switch
        {
            1 => holders[0],
            0 => throw Refusal(BrokerError.MandatePersonUnknown, "No one with this CPR number has logged in at the broker."),
            _ => throw Refusal(BrokerError.MandatePersonAmbiguous, "More than one identity holds this CPR number."),
        };
    }

    private static GrainRuleException Refusal(BrokerError error, string message) => new(BrokerErrors.Name(error), message);

    private static string Describe(Mandate mandate) =>
        $"mandate {mandate.Id}; {mandate.Kind}; grantor {mandate.Grantor}; grantee {mandate.Grantee}; systems {string.Join(" ", mandate.Systems.Select(s => s.System.Key))}; status {mandate.Status}; version {mandate.Version}";

    private async Task<Mandate> CreateAsync(HttpContext? context, string action, MandateDetails details, string actor, Func<IMandateGrantorGrain, Task<Mandate>> create)
    {
        try
        {
            var mandate = await create(grains.Reference<IMandateGrantorGrain>(details.Grantor.Id));
            Succeeded(context, action, actor, mandate);
            return mandate;
        }
        catch (GrainRuleException ex)
        {
            Refused(context, action, actor, null, details.Grantee.PersonId, ex);
            throw;
        }
    }

    private async Task<Mandate> ChangeAsync(HttpContext? context, string action, Guid mandateId, string actor, Func<IMandateGrain, Task<Mandate>> change)
    {
        try
        {
            var mandate = await change(grains.Reference<IMandateGrain>(mandateId));
            Succeeded(context, action, actor, mandate);
            return mandate;
        }
        catch (GrainRuleException ex)
        {
            Refused(context, action, actor, mandateId, null, ex);
            throw;
        }
    }

    private void Succeeded(HttpContext? context, string action, string actor, Mandate mandate)
    {
        Log.MandateChanged(logger, action, mandate.Id, actor, mandate.Version);
        audit.Record(context, new AuditEvent(AuditCategory.Administration, action, AuditOutcome.Success)
        {
            Actor = actor,
            IdentityId = mandate.Grantee.PersonId,
            Detail = Describe(mandate),
        });
    }

    private void Refused(HttpContext? context, string action, string actor, Guid? mandateId, Guid? grantee, GrainRuleException ex)
    {
        Log.MandateChangeRefused(logger, action, mandateId, actor, ex.Code);
        audit.Record(context, new AuditEvent(AuditCategory.Administration, action, AuditOutcome.Refused)
        {
            Actor = actor,
            IdentityId = grantee,
            Code = ex.Code,
            Detail = mandateId is { } id ? $"mandate {id}" : null,
        });
    }
}
