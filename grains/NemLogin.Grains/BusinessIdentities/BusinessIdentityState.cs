using System.Collections.Immutable;
using NemLogin.Grains.Requests;

namespace NemLogin.Grains.BusinessIdentities;

[GenerateSerializer, Alias("nl.business-identity.state")]
public sealed record BusinessIdentityState
{
    [Id(0)] public BusinessIdentity? Identity { get; init; }

    /// <summary>What the creation carried: a repeated creation with the same is a no-op, with other content a conflict.</summary>
    [Id(1)] public EmployeeDetails? Creation { get; init; }

    [Id(2)] public ImmutableArray<ChangeReceipt> Requests { get; init; } = [];
}
