using NemLogin.Grains.Organisations;

namespace NemLogin.Grains.Rights;

/// <summary>
/// Where a right applies, written as the OIO Basic Privilege Profile writes a privilege group's scope:
/// <c>urn:dk:gov:saml:cvrNumberIdentifier:{cvr}</c>, <c>urn:dk:gov:saml:productionUnitIdentifier:{p}</c>,
/// <c>urn:dk:gov:saml:seNumberIdentifier:{se}</c>.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("nl.right.scope")]
public sealed record RightScope(
    [property: Id(0)] RightScopeKind Kind,
    [property: Id(1)] string Value)
{
    public const string CvrPrefix = "urn:dk:gov:saml:cvrNumberIdentifier:";
    public const string ProductionUnitPrefix = "urn:dk:gov:saml:productionUnitIdentifier:";
    public const string SeNumberPrefix = "urn:dk:gov:saml:seNumberIdentifier:";
    public const string CprPrefix = "urn:dk:gov:saml:cprNumberIdentifier:";

    public string Urn => Kind switch
    {
        RightScopeKind.ProductionUnit => ProductionUnitPrefix,
        RightScopeKind.SeNumber => SeNumberPrefix,
        RightScopeKind.Person => CprPrefix,
        _ => CvrPrefix,
    } + Value;

    public static RightScope Organisation(string cvr) => new(RightScopeKind.Organisation, cvr);

    public static RightScope ProductionUnit(string pNumber) => new(RightScopeKind.ProductionUnit, pNumber);

    public static RightScope SeNumber(string seNumber) => new(RightScopeKind.SeNumber, seNumber);

    /// <summary>A person grantor's scope (citizen mandates). It holds a CPR number: never log it.</summary>
    public static RightScope Person(string cprNumber) => new(RightScopeKind.Person, cprNumber);

    /// <summary>Whether the number has its kind's form (<see cref="BusinessNumbers"/>).</summary>
    public bool IsWellFormed() => Kind switch
    {
        RightScopeKind.Organisation => BusinessNumbers.IsCvr(Value),
        RightScopeKind.ProductionUnit => BusinessNumbers.IsProductionUnit(Value),
        RightScopeKind.SeNumber => BusinessNumbers.IsSeNumber(Value),
        RightScopeKind.Person => Value is { Length: 10 } && Value.All(char.IsAsciiDigit),
        _ => false,
    };

    /// <summary>The scope a URN names (an organisation's: never a person's), or null when it is not one of the three forms with a well-formed number.</summary>
    public static RightScope? FromUrn(string? urn)
    {
        RightScope? scope = urn switch
        {
            not null when urn.StartsWith(CvrPrefix, StringComparison.Ordinal) => Organisation(urn[CvrPrefix.Length..]),
            not null when urn.StartsWith(ProductionUnitPrefix, StringComparison.Ordinal) => ProductionUnit(urn[ProductionUnitPrefix.Length..]),
            not null when urn.StartsWith(SeNumberPrefix, StringComparison.Ordinal) => SeNumber(urn[SeNumberPrefix.Length..]),
            _ => null,
        };
        return scope?.IsWellFormed() == true ? scope : null;
    }
}
