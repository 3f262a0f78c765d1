using NemLogin.Gateway.Audit;
using NemLogin.Grains;
using NemLogin.Grains.Audit;
using NemLogin.Grains.Errors;
using NemLogin.Grains.Identities;
using NemLogin.Grains.Mandates;

namespace NemLogin.Gateway.Mandates;

/// <summary>
/// Every change to mandates from the gateway (admin API, demo seeding), each audited with its outcome. Records and log
/// lines name the mandate, the parties by identity id or CVR and the IT systems by id; never a name, never a CPR number.
/// Refusals are rethrown (<see cref="GrainRuleException"/>) for the caller to answer.
/// </summary>
internal sealed class MandateAdministration(IGrainFactory grains, IAuditTrail audit, ILogger<MandateAdministration> logger)
{
    public async Task<Mandate> GrantAsync(HttpContext? context, string requestId, MandateDetails details, string actor)
    {
        try
        {
            var mandate = await grains.GetGrain<IMandateGrantorGrain>(details.Grantor.Id).GrantAsync(requestId, details);
            Succeeded(context, AuditActions.MandateGrant, actor, mandate);
            return mandate;
        }
        catch (GrainRuleException ex)
        {
            Refused(context, AuditActions.MandateGrant, actor, null, details.Grantee.PersonId, ex);
            throw;
        }
    }

    public async Task<Mandate> RevokeAsync(HttpContext? context, Guid mandateId, string requestId, string actor)
    {
        try
        {
            var mandate = await grains.GetGrain<IMandateGrain>(mandateId).RevokeAsync(requestId);
            Succeeded(context, AuditActions.MandateRevoke, actor, mandate);
            return mandate;
        }
        catch (GrainRuleException ex)
        {
            Refused(context, AuditActions.MandateRevoke, actor, mandateId, null, ex);
            throw;
        }
    }

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
