using System.Collections.Immutable;

namespace NemLogin.Grains.Audit;

[GenerateSerializer, Alias("nl.audit.bucket.state")]
public sealed record AuditBucketState
{
    [Id(0)] public ImmutableArray<AuditRecord> Records { get; init; } = [];

    /// <summary>Records refused because the bucket was full (a flood); counted so the loss is visible.</summary>
    [Id(1)] public long Dropped { get; init; }
}
