namespace NemLogin.Gateway.Logout;

/// <summary>Single logout policy, bound from the <c>SingleLogout</c> configuration section.</summary>
public sealed class SingleLogoutOptions
{
    public const string SectionName = "SingleLogout";

    /// <summary>
    /// How long the logout page waits for the other participants to answer before it answers the initiator; a participant
    /// that has not answered by then makes the logout partial.
    /// </summary>
    public TimeSpan ParticipantTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
