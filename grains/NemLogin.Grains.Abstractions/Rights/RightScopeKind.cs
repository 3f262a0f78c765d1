namespace NemLogin.Grains.Rights;

/// <summary>What a right is scoped to. Numbers are stored; never renumber.</summary>
[GenerateSerializer]
[Alias("nl.right.scope-kind")]
public enum RightScopeKind
{
    /// <summary>The whole organisation, by CVR number.</summary>
    Organisation = 0,

    /// <summary>One production unit, by P number.</summary>
    ProductionUnit = 1,

    /// <summary>One SE number.</summary>
    SeNumber = 2,

    /// <summary>A person, by CPR number: the scope of a citizen mandate's privileges (never stored in a right; computed at login).</summary>
    Person = 3,
}
