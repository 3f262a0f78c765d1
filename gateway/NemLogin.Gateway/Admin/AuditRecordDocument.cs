using NemLogin.Grains.Audit;

namespace NemLogin.Gateway.Admin;

internal sealed record AuditRecordDocument(
    Guid Id,
    DateTimeOffset Time,
    string Category,
    string Action,
    string Outcome,
    string? Actor,
    string? ServiceProvider,
    Guid? IdentityId,
    string? CorrelationId,
    string? Code,
    string? Detail)
{
    public static AuditRecordDocument From(AuditRecord r) => new(
        r.Id, r.Time, r.Category.ToString(), r.Action, r.Outcome.ToString(), r.Actor, r.ServiceProvider, r.IdentityId, r.CorrelationId, r.Code, r.Detail);
}
