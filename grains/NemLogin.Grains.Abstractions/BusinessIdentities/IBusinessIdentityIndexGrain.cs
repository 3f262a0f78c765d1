using System.Collections.Immutable;

namespace NemLogin.Grains.BusinessIdentities;

/// <summary>
/// The business identities bound to one person, keyed by the person's private identity id (an
/// <see cref="Identities.IIdentityGrain"/> id): what a login reads to find whom the person may act as, without scanning.
/// Revoked identities are not listed. Written only by <see cref="IBusinessIdentityGrain"/>s, each after its own write;
/// the identity's own state is the authority, the index its copy.
/// </summary>
[Alias("nl.business-identity.index")]
public interface IBusinessIdentityIndexGrain : IGrainWithGuidKey
{
    /// <summary>The person's business identities, ordered by id.</summary>
    [Alias("list")]
    Task<ImmutableArray<BusinessIdentityEntry>> ListAsync();

    /// <summary>Adds or replaces the entry for <see cref="BusinessIdentityEntry.Id"/>.</summary>
    [Alias("put")]
    Task PutAsync(BusinessIdentityEntry entry);

    /// <summary>Removes the entry for <paramref name="businessIdentityId"/>, if listed.</summary>
    [Alias("remove")]
    Task RemoveAsync(Guid businessIdentityId);
}
