using System.Collections.Immutable;

namespace NemLogin.Grains.Mandates;

/// <summary>
/// The mandates one party has given (or been asked for), keyed by <see cref="MandateParty.Id"/> of the grantor: where
/// mandates are created, idempotently by the caller's request id (<see cref="Requests.RequestIds"/>), and where a
/// grantor's mandates are listed without scanning.
/// </summary>
[Alias("nl.mandate.grantor")]
public interface IMandateGrantorGrain : IGrainWithStringKey
{
    /// <summary>
    /// Grants a mandate (Active at once). Answers the mandate as stored; a repeat answers the same mandate (as it is now:
    /// a revoked mandate is not brought back). Refused: <c>mandate.party-invalid</c> (the grantor is not this grain's key,
    /// a malformed party, grantor and grantee the same, a person granting to an organisation),
    /// <c>mandate.person-unknown</c>, <c>mandate.grantor-under-age</c> (a person grantor under 15),
    /// <c>mandate.organisation-unknown</c>, <c>mandate.organisation-not-active</c>, <c>mandate.validity-invalid</c> (the
    /// end not after the start or not in the future), <c>mandate.systems-invalid</c> (none, repeated, too many),
    /// <c>mandate.it-system-unknown</c>, <c>mandate.privilege-unknown</c>, <c>mandate.limit-reached</c>, and the
    /// <c>request.*</c> codes.
    /// </summary>
    [Alias("grant")]
    Task<Mandate> GrantAsync(string requestId, MandateDetails details);

    /// <summary>
    /// Grants several mandates of this grantor in one call (the national seed gives each grantor its mandates so): every
    /// item under the rules of <see cref="GrantAsync"/>, its own request id and receipt, and the ledger written once for
    /// all of them. All or nothing: one item refused refuses the batch and nothing is stored (items that repeat an earlier
    /// request are answered as stored, as a single repeat is). The parties and systems shared by several items are read
    /// once. Answers the mandates in the order asked. Refused besides the single grant's codes: <c>mandate.batch-invalid</c>
    /// (no items, more than <c>MaxBatch</c>, a request id twice).
    /// </summary>
    [Alias("grant-many")]
    Task<ImmutableArray<Mandate>> GrantManyAsync(ImmutableArray<MandateGrant> grants);

    /// <summary>The grantee asks the grantor for a mandate: as <see cref="GrantAsync"/>, but Requested until approved.</summary>
    [Alias("request")]
    Task<Mandate> RequestAsync(string requestId, MandateDetails details);

    /// <summary>The ids of every mandate given or asked for, in creation order (revoked and expired ones too).</summary>
    [Alias("list")]
    Task<ImmutableArray<Guid>> ListAsync();
}
