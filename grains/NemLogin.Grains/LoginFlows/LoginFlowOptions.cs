namespace NemLogin.Grains.LoginFlows;

/// <summary>Pending-login policy, bound from the <c>LoginFlows</c> configuration section.</summary>
public sealed class LoginFlowOptions
{
    public const string SectionName = "LoginFlows";

    /// <summary>How long a user may stay at the upstream identity provider before the pending login is dropped.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(15);
}
