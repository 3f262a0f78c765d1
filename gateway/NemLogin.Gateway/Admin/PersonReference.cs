namespace NemLogin.Gateway.Admin;

/// <summary>
/// The person a business identity is bound to: their CPR number (found among the people who have logged in at the broker)
/// or their private identity's UUID; exactly one. The CPR number is used to find the person and then forgotten: it is
/// neither stored with the business identity nor written to the audit trail or the log.
/// </summary>
internal sealed record PersonReference : IChangeRequest
{
    public string? Cpr { get; init; }

    public Guid? IdentityId { get; init; }

    public string? RequestId { get; init; }
}
