using System.Collections.Immutable;
using NemLogin.Grains.Requests;

namespace NemLogin.Grains.Mandates;

[GenerateSerializer, Alias("nl.mandate.state")]
public sealed record MandateState
{
    [Id(0)] public Mandate? Mandate { get; init; }

    /// <summary>What the grantor's grain created the mandate with: a repeated create must match it.</summary>
    [Id(1)] public MandateDetails? Creation { get; init; }

    [Id(2)] public ImmutableArray<ChangeReceipt> Requests { get; init; } = [];
}

[GenerateSerializer, Alias("nl.mandate.grantor.state")]
public sealed record MandateGrantorState
{
    /// <summary>Every mandate given or asked for, in creation order.</summary>
    [Id(0)] public ImmutableArray<Guid> Given { get; init; } = [];

    [Id(1)] public ImmutableArray<ChangeReceipt> Requests { get; init; } = [];

    /// <summary>
    /// Requests by grantees that the grantor has not answered yet, as far as this ledger knows (an answer goes to the
    /// mandate grain; the ledger finds out when it looks, see <see cref="MandateGrantorGrain"/>).
    /// </summary>
    [Id(2)] public ImmutableArray<OpenMandateRequest> Open { get; init; } = [];
}

/// <summary>A mandate asked for by <paramref name="Grantee"/> and not yet approved or declined.</summary>
[GenerateSerializer, Alias("nl.mandate.grantor.open")]
public sealed record OpenMandateRequest([property: Id(0)] Guid Id, [property: Id(1)] MandateParty Grantee);

[GenerateSerializer, Alias("nl.mandate.index.state")]
public sealed record MandateIndexState
{
    /// <summary>Ordered by mandate id.</summary>
    [Id(0)] public ImmutableArray<MandateEntry> Entries { get; init; } = [];
}
