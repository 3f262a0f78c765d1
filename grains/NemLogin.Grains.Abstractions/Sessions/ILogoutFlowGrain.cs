namespace NemLogin.Grains.Sessions;

/// <summary>
/// One single logout in progress, keyed by a random flow id: who asked for it, which participants are told, and what each
/// answered. Started after the session has ended; expires on its own.
/// </summary>
[Alias("nl.logout-flow")]
public interface ILogoutFlowGrain : IGrainWithStringKey
{
    /// <summary>Stores the plan. Refused with <c>logout.exists</c> when the flow was already started.</summary>
    [Alias("start")]
    Task StartAsync(LogoutPlan plan);

    /// <summary>The flow with each participant's status; null when unknown, expired or completed.</summary>
    [Alias("get")]
    Task<LogoutFlowSnapshot?> GetAsync();

    /// <summary>
    /// Records the answer of participant <paramref name="index"/>, which must be <paramref name="serviceProviderId"/> and still
    /// pending. False when it is not (another SP, answered already, flow completed or expired): nothing changes then.
    /// </summary>
    [Alias("record-answer")]
    Task<bool> RecordAnswerAsync(int index, string serviceProviderId, LogoutTargetStatus status);

    /// <summary>Takes the flow exactly once (a participant that answers later no longer counts); null when unknown or taken.</summary>
    [Alias("complete")]
    Task<LogoutFlowSnapshot?> CompleteAsync();
}
