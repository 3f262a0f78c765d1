using System.Collections.Immutable;

namespace NemLogin.Grains.Signing;

[GrainType("nl.signing.key-directory")]
public sealed class SigningKeyDirectoryGrain(
    [PersistentState("signing-key-directory", StorageNames.ServiceProviders)] IPersistentState<SigningKeyDirectoryState> state,
    TimeProvider timeProvider) : Grain, ISigningKeyDirectoryGrain
{
    /// <summary>Sites are data centre names; a handful at most.</summary>
    public const int MaxSites = 16;

    /// <summary>Keys one site publishes: current, next and previous of each purpose, with room to spare.</summary>
    public const int MaxKeysPerSite = 32;

    public async Task PublishAsync(string site, ImmutableArray<SigningKeyInfo> keys)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(site);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(keys.Length, MaxKeysPerSite, nameof(keys));
        var sites = state.State.Sites;
        var existing = sites.FirstOrDefault(s => s.Site == site);
        if (existing is not null && Same(existing.Keys, keys))
        {
            return;
        }

        if (existing is null && sites.Length >= MaxSites)
        {
            throw new InvalidOperationException($"The key directory holds at most {MaxSites} sites.");
        }

        var entry = new SiteSigningKeys(site, keys, timeProvider.GetUtcNow());
        state.State = state.State with
        {
            Sites = [.. sites.Where(s => s.Site != site).Append(entry).OrderBy(s => s.Site, StringComparer.Ordinal)],
        };
        await state.WriteStateAsync();
    }

    public Task<ImmutableArray<SiteSigningKeys>> GetAsync() => Task.FromResult(state.State.Sites);

    // The same keys in the same roles (a certificate is named by its hash, so the id covers the certificate).
    private static bool Same(ImmutableArray<SigningKeyInfo> a, ImmutableArray<SigningKeyInfo> b) =>
        a.Length == b.Length && a.Zip(b).All(p => p.First.KeyId == p.Second.KeyId && p.First.Purpose == p.Second.Purpose && p.First.IsCurrent == p.Second.IsCurrent);
}

[GenerateSerializer, Alias("nl.signing.key-directory.state")]
public sealed record SigningKeyDirectoryState
{
    [Id(0)] public ImmutableArray<SiteSigningKeys> Sites { get; init; } = [];
}
