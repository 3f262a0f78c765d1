using System.Collections.Immutable;

namespace NemLogin.Grains.Identities;

[GenerateSerializer, Alias("nl.cpr-index.state")]
public sealed record CprIndexState
{
    /// <summary>Identity ids by <see cref="CprIndexKey"/> entry (a hash, never the number).</summary>
    [Id(0)] public ImmutableDictionary<string, ImmutableArray<Guid>> Entries { get; init; } = ImmutableDictionary<string, ImmutableArray<Guid>>.Empty;
}
