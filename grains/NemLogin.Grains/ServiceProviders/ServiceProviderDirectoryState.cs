using System.Collections.Immutable;

namespace NemLogin.Grains.ServiceProviders;

/// <summary>Plain sorted arrays: a sorted set's comparer would have to survive the storage serializer.</summary>
[GenerateSerializer, Alias("nl.sp.directory.state")]
public sealed record ServiceProviderDirectoryState
{
    [Id(0)] public ImmutableArray<string> EntityIds { get; init; } = [];

    [Id(1)] public ImmutableArray<string> Refreshing { get; init; } = [];
}
