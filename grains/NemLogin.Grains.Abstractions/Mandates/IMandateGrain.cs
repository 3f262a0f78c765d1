using NemLogin.Grains.Rights;
using Orleans.Concurrency;

namespace NemLogin.Grains.Mandates;

/// <summary>
/// One mandate, keyed by its id. Created only by its grantor's <see cref="IMandateGrantorGrain"/>; keeps its grantee's
/// <see cref="IMandateIndexGrain"/> in step after each of its own writes (the mandate is the authority, the index its
/// copy). Expires by a durable reminder at the end of its validity period; every read checks the period too, so an
/// expired mandate is never carried even before the reminder has run. Revoked and Expired are final.
/// </summary>
[Alias("nl.mandate")]
public interface IMandateGrain : IGrainWithGuidKey
{
    /// <summary>The mandate as stored (with Expired once its period is over), or null when none has this id.</summary>
    [Alias("get")]
    [AlwaysInterleave]
    Task<Mandate?> GetAsync();

    /// <summary>
    /// Stores the mandate as its grantor's grain decided it (checked there), registers its expiry reminder and indexes it
    /// under the grantee. A repeat with the same content changes nothing (a revoked mandate stays revoked); other content
    /// under an existing id is refused with <c>mandate.exists</c>.
    /// </summary>
    [Alias("create")]
    Task<Mandate> CreateAsync(MandateDetails details, DateTimeOffset validFrom, MandateStatus status);

    /// <summary>
    /// The grantor approves a requested mandate: it becomes Active. Refused: <c>mandate.unknown</c>, <c>mandate.revoked</c>,
    /// <c>mandate.expired</c>, <c>mandate.not-requested</c> (already active), and the <c>request.*</c> codes.
    /// </summary>
    [Alias("approve")]
    Task<Mandate> ApproveAsync(string requestId);

    /// <summary>
    /// Revokes the mandate (or declines a request) for good: out of the grantee's index, its reminder gone. Revoking a
    /// revoked or expired mandate changes nothing. Refused: <c>mandate.unknown</c> and the <c>request.*</c> codes.
    /// </summary>
    [Alias("revoke")]
    Task<Mandate> RevokeAsync(string requestId);

    /// <summary>
    /// What a login at <paramref name="system"/> may use now, or null when the mandate is not in force or does not cover
    /// the system. Reads the grantor's identity or organisation and the system's catalogue. Interleaves (the index calls it
    /// while this grain may be waiting on the index).
    /// </summary>
    [Alias("resolve")]
    [AlwaysInterleave]
    Task<FittingMandate?> ResolveAsync(ItSystem system);

    /// <summary>
    /// What the expiry reminder runs: when the validity period is over, the mandate becomes Expired, leaves the index,
    /// and the reminder is removed (audited as <c>mandate.expire</c>); otherwise the reminder is moved to the end of the
    /// period. Answers the mandate as stored.
    /// </summary>
    [Alias("expire-if-due")]
    Task<Mandate?> ExpireIfDueAsync();
}
