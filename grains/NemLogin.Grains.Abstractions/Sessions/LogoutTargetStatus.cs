namespace NemLogin.Grains.Sessions;

/// <summary>Where one participant of a single logout stands. Numbers are stored; never renumber.</summary>
[GenerateSerializer]
[Alias("nl.logout.target-status")]
public enum LogoutTargetStatus
{
    /// <summary>Not answered (yet): counts as not logged out when the flow completes.</summary>
    Pending = 0,

    /// <summary>Answered Success.</summary>
    LoggedOut = 1,

    /// <summary>Answered with an error status, or could not be reached (no SLO endpoint, no longer registered).</summary>
    Failed = 2,
}
