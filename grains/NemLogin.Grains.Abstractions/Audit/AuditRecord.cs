namespace NemLogin.Grains.Audit;

/// <summary>
/// One audited event: who (by id, never by name or CPR number), which SP, what, when, how it ended, and the request's
/// correlation id (the reference a person sees on an error page).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("nl.audit.record")]
public sealed record AuditRecord
{
    /// <summary>Unique and time-ordered (UUID version 7); appending the same record twice stores it once.</summary>
    [Id(0)] public required Guid Id { get; init; }

    [Id(1)] public required DateTimeOffset Time { get; init; }

    [Id(2)] public required AuditCategory Category { get; init; }

    /// <summary>A stable name of what happened, e.g. <c>saml.assertion</c>, <c>sp.register</c>.</summary>
    [Id(3)] public required string Action { get; init; }

    [Id(4)] public required AuditOutcome Outcome { get; init; }

    /// <summary>Who acted, by id: an identity UUID, <c>admin-api</c>, <c>system:…</c>, or an SP's entityID.</summary>
    [Id(5)] public string? Actor { get; init; }

    /// <summary>The service provider's entityID (as claimed, for refused requests).</summary>
    [Id(6)] public string? ServiceProvider { get; init; }

    /// <summary>The broker's identity UUID of the person concerned.</summary>
    [Id(7)] public Guid? IdentityId { get; init; }

    [Id(8)] public string? CorrelationId { get; init; }

    /// <summary>The stable error code of a refusal or failure.</summary>
    [Id(9)] public string? Code { get; init; }

    /// <summary>Non-personal detail: request and assertion ids, levels, versions.</summary>
    [Id(10)] public string? Detail { get; init; }
}
