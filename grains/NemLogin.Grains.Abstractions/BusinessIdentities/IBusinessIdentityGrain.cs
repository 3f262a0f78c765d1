using NemLogin.Grains.Requests;
using NemLogin.Grains.Rights;

namespace NemLogin.Grains.BusinessIdentities;

/// <summary>
/// One business identity, keyed by its persistent professional UUID: the single writer of its status, binding and
/// rights, and the one call a login makes for them (<see cref="GetRightsAsync"/>). Created only by its organisation's
/// grain (<see cref="Organisations.IOrganisationGrain.AddEmployeeAsync"/>). Keeps the bound person's
/// <see cref="IBusinessIdentityIndexGrain"/> in step after each of its own writes.
/// </summary>
[Alias("nl.business-identity")]
public interface IBusinessIdentityGrain : IGrainWithGuidKey
{
    /// <summary>The identity with its rights, or null when it does not exist.</summary>
    [Alias("get")]
    Task<BusinessIdentity?> GetAsync();

    /// <summary>
    /// Creates the identity; for the organisation's grain only (which checked the details against the organisation).
    /// Repeating it with the same content does nothing; other content for an existing identity: <c>employee.exists</c>.
    /// </summary>
    [Alias("create")]
    Task CreateAsync(string cvr, EmployeeDetails employee);

    /// <summary>
    /// Suspends, reactivates or revokes the identity. Revoking is final: the rights go and the person's index drops it.
    /// Refused: <c>employee.unknown</c>, <c>employee.revoked</c>, <c>employee.status-invalid</c>, and the <c>request.*</c> codes.
    /// </summary>
    [Alias("set-status")]
    Task<ChangeReceipt> SetStatusAsync(string requestId, BusinessIdentityStatus status);

    /// <summary>
    /// Binds the identity to a person's private identity (an <see cref="Identities.IIdentityGrain"/> id). Refused:
    /// <c>employee.unknown</c>, <c>employee.revoked</c>, <c>employee.already-bound</c> (to another person), and the
    /// <c>request.*</c> codes.
    /// </summary>
    [Alias("bind-person")]
    Task<ChangeReceipt> BindPersonAsync(string requestId, Guid personId);

    /// <summary>
    /// Grants a privilege of an IT system, scoped to the organisation's CVR, one of its P units or SE numbers. Holding it
    /// already changes nothing. Refused: <c>employee.unknown</c>, <c>employee.revoked</c>, <c>employee.not-active</c>,
    /// <c>rights.scope-invalid</c>, <c>organisation.scope-not-owned</c>, <c>organisation.not-active</c>,
    /// <c>rights.privilege-unknown</c> (not in the IT system's catalogue), <c>rights.limit-reached</c>, and the <c>request.*</c> codes.
    /// </summary>
    [Alias("grant")]
    Task<ChangeReceipt> GrantAsync(string requestId, Right right);

    /// <summary>Revokes a right. Refused: <c>employee.unknown</c>, <c>rights.unknown</c> (not held), and the <c>request.*</c> codes.</summary>
    [Alias("revoke-right")]
    Task<ChangeReceipt> RevokeRightAsync(string requestId, Right right);

    /// <summary>
    /// What a login as this identity at IT system <paramref name="system"/> may carry: the identity, its organisation's name
    /// and status, and the rights for that system only, each with its scope and the catalogue's constraints. The rights are
    /// empty unless identity and organisation are both active; a right whose privilege left the catalogue, or whose scope
    /// the organisation no longer owns, is left out. Null when the identity does not exist.
    /// </summary>
    [Alias("get-rights")]
    Task<BusinessRights?> GetRightsAsync(ItSystem system);
}
