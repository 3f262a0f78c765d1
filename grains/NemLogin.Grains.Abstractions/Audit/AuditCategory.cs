namespace NemLogin.Grains.Audit;

/// <summary>What kind of event an audit record is about. Numbers are stored; never renumber.</summary>
[GenerateSerializer]
[Alias("nl.audit.category")]
public enum AuditCategory
{
    Login = 0,
    SingleSignOn = 1,
    Logout = 2,
    Refusal = 3,
    Administration = 4,
}
