using System.Collections.Immutable;

namespace NemLogin.Grains.Identities;

/// <summary>
/// Finds private identities by CPR number, one bucket of <see cref="CprIndexKey"/> per grain. Kept by
/// <see cref="IIdentityGrain.UpdateFromUpstreamAsync"/>: a person is findable once they have logged in. The index is a
/// hint: a caller checks the identity it names still holds the number (an interrupted change can leave a stale entry).
/// </summary>
[Alias("nl.cpr-index")]
public interface ICprIndexGrain : IGrainWithIntegerKey
{
    /// <summary>The identities filed under the entry (usually one; two upstream accounts of one person give two).</summary>
    [Alias("find")]
    Task<ImmutableArray<Guid>> FindAsync(string entry);

    [Alias("add")]
    Task AddAsync(string entry, Guid identityId);

    [Alias("remove")]
    Task RemoveAsync(string entry, Guid identityId);
}
