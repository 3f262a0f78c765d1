using System.Collections.Immutable;
using NemLogin.Grains.BusinessIdentities;
using Orleans.Concurrency;

namespace NemLogin.Grains.Organisations;

/// <summary>
/// One user organisation, keyed by its CVR number (<see cref="BusinessNumbers.IsCvr"/>): its details and the ids of
/// every business identity created for it. Changes carry the caller's request id (<see cref="Requests.RequestIds"/>).
/// </summary>
[Alias("nl.organisation")]
public interface IOrganisationGrain : IGrainWithStringKey
{
    /// <summary>The organisation as stored, or null when none is registered under this CVR. Interleaves with changes.</summary>
    [Alias("get")]
    [AlwaysInterleave]
    Task<Organisation?> GetAsync();

    /// <summary>
    /// Creates the organisation or replaces its details. Refused: <c>organisation.cvr-invalid</c> (the key),
    /// <c>organisation.name-invalid</c>, <c>organisation.production-unit-invalid</c>, <c>organisation.se-number-invalid</c>,
    /// <c>organisation.status-invalid</c>, <c>organisation.closed</c> (a closed organisation changes no more),
    /// <c>organisation.administrator-invalid</c> (not an employee of this organisation), and the <c>request.*</c> codes.
    /// </summary>
    [Alias("save")]
    Task<Organisation> SaveAsync(string requestId, OrganisationDetails details);

    /// <summary>
    /// Creates a business identity (a new random UUID) for an employee, active, bound to <see cref="EmployeeDetails.PersonId"/>
    /// when given. Answers the identity as created. Refused: <c>organisation.unknown</c>, <c>organisation.not-active</c>,
    /// <c>employee.loa-invalid</c>, <c>organisation.scope-not-owned</c> (a P unit or SE number not the organisation's),
    /// and the <c>request.*</c> codes.
    /// </summary>
    [Alias("add-employee")]
    Task<BusinessIdentity> AddEmployeeAsync(string requestId, EmployeeDetails employee);

    /// <summary>
    /// Adds several employees in one call (the national seed gives each organisation its employees so): every item under the
    /// rules of <see cref="AddEmployeeAsync"/>, its own request id and receipt, and the organisation written once for all
    /// of them. All or nothing: one item refused refuses the batch and nothing is stored (items that repeat an earlier
    /// request are answered as stored, as a single repeat is). Answers the identities in the order asked. Refused besides
    /// the single addition's codes: <c>organisation.batch-invalid</c> (no items, more than <c>MaxBatch</c>, a request id twice).
    /// </summary>
    [Alias("add-employees")]
    Task<ImmutableArray<BusinessIdentity>> AddEmployeesAsync(ImmutableArray<EmployeeAddition> employees);

    /// <summary>Every business identity created for the organisation (revoked ones too), in creation order.</summary>
    [Alias("list-employees")]
    Task<ImmutableArray<Guid>> ListEmployeesAsync();

    /// <summary>
    /// Written by the organisation's <see cref="Mandates.IMandateIndexGrain"/> when its list of received mandates turns
    /// non-empty (before the index writes) or empty (after): lets a professional login skip the index for organisations that
    /// hold none. Refused with <c>organisation.unknown</c> when none is registered under this CVR.
    /// </summary>
    [Alias("note-mandates-held")]
    Task NoteMandatesHeldAsync(bool held);
}
