using NemLogin.Grains.Rights;

namespace NemLogin.Grains.Organisations;

/// <summary>An organisation as stored, keyed by its CVR number. Its name may be a person's (a sole trader): never log it.</summary>
[GenerateSerializer, Immutable]
[Alias("nl.organisation.record")]
public sealed record Organisation(
    [property: Id(0)] string Cvr,
    [property: Id(1)] OrganisationDetails Details,
    [property: Id(2)] long Version,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset UpdatedAt)
{
    /// <summary>
    /// True when the organisation is known to hold no received mandate (its mandate index is empty), so a professional login
    /// need not ask the index. False (the default, also for organisations stored before the flag) means "ask".
    /// </summary>
    [Id(5)] public bool HoldsNoMandates { get; init; }

    /// <summary>Whether a right may be scoped to <paramref name="scope"/> here: this CVR, or one of its P units or SE numbers.</summary>
    public bool Owns(RightScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.Kind switch
        {
            RightScopeKind.Organisation => string.Equals(scope.Value, Cvr, StringComparison.Ordinal),
            RightScopeKind.ProductionUnit => Details.ProductionUnits.Contains(scope.Value, StringComparer.Ordinal),
            RightScopeKind.SeNumber => Details.SeNumbers.Contains(scope.Value, StringComparer.Ordinal),
            _ => false,
        };
    }
}
