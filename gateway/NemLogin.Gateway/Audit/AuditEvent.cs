using NemLogin.Grains.Audit;

namespace NemLogin.Gateway.Audit;

/// <summary>
/// What a caller reports; <see cref="IAuditTrail"/> adds id, time and correlation id. Every value names entities by id:
/// never a person's name, CPR number or e-mail address.
/// </summary>
internal sealed record AuditEvent(AuditCategory Category, string Action, AuditOutcome Outcome)
{
    public string? Actor { get; init; }

    public string? ServiceProvider { get; init; }

    public Guid? IdentityId { get; init; }

    public string? Code { get; init; }

    public string? Detail { get; init; }
}
