namespace NemLogin.Grains.Audit;

/// <summary>How an audited event ended. Numbers are stored; never renumber.</summary>
[GenerateSerializer]
[Alias("nl.audit.outcome")]
public enum AuditOutcome
{
    /// <summary>Done as asked.</summary>
    Success = 0,

    /// <summary>Refused by a rule (bad input, no entitlement, unknown party).</summary>
    Refused = 1,

    /// <summary>Could not be done (the user cancelled, an upstream failed, the level was not reached).</summary>
    Failed = 2,
}
