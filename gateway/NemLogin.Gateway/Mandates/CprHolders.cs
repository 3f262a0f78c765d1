using NemLogin.Grains.Identities;
using NemLogin.Grains;

namespace NemLogin.Gateway.Mandates;

/// <summary>
/// The private identities that hold a CPR number: candidates from the CPR index (a person is there once they have logged
/// in), each checked against the identity itself (the index is a hint). The number is used and forgotten: never logged.
/// </summary>
internal static class CprHolders
{
    public static async Task<Guid[]> FindAsync(IGrainFactory grains, string cprNumber)
    {
        var (bucket, entry) = CprIndexKey.For(cprNumber);
        var candidates = await grains.Reference<ICprIndexGrain>(bucket).FindAsync(entry);
        var profiles = await Task.WhenAll(candidates.Select(id => grains.Reference<IIdentityGrain>(id).GetAsync()));
        return [.. profiles.Where(p => p?.Attributes.CprNumber == cprNumber).Select(p => p!.Id)];
    }
}
