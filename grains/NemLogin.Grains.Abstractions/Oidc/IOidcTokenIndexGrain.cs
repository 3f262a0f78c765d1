using System.Collections.Immutable;

namespace NemLogin.Grains.Oidc;

/// <summary>Token ids under one lookup key (<see cref="OidcTokenIndexKey"/>), kept by <see cref="IOidcTokenGrain"/>.</summary>
[Alias("nl.oidc.token-index")]
public interface IOidcTokenIndexGrain : IGrainWithStringKey
{
    [Alias("add")]
    Task AddAsync(string tokenId);

    [Alias("remove")]
    Task RemoveAsync(string tokenId);

    [Alias("list")]
    Task<ImmutableArray<string>> ListAsync();
}
