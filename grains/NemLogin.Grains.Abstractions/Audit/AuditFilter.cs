namespace NemLogin.Grains.Audit;

/// <summary>Which records a query wants: a half-open time range [From, To) and optional equality filters.</summary>
[GenerateSerializer, Immutable]
[Alias("nl.audit.filter")]
public sealed record AuditFilter
{
    [Id(0)] public required DateTimeOffset From { get; init; }

    [Id(1)] public required DateTimeOffset To { get; init; }

    [Id(2)] public string? ServiceProvider { get; init; }

    [Id(3)] public Guid? IdentityId { get; init; }

    [Id(4)] public string? CorrelationId { get; init; }

    [Id(5)] public AuditCategory? Category { get; init; }

    public bool Matches(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Time >= From && record.Time < To
            && (ServiceProvider is null || string.Equals(record.ServiceProvider, ServiceProvider, StringComparison.Ordinal))
            && (IdentityId is null || record.IdentityId == IdentityId)
            && (CorrelationId is null || string.Equals(record.CorrelationId, CorrelationId, StringComparison.Ordinal))
            && (Category is null || record.Category == Category);
    }
}
