namespace NemLogin.Grains.LoginFlows;

/// <summary>
/// A pending login, keyed by a random flow id that doubles as the upstream <c>state</c>. Expires on its own.
/// </summary>
[Alias("nl.flow")]
public interface ILoginFlowGrain : IGrainWithStringKey
{
    /// <summary>Stores the pending request. Refused with <c>flow.exists</c> when the flow was already started.</summary>
    [Alias("start")]
    Task StartAsync(PendingLogin pending);

    /// <summary>Reads the pending request without consuming it; null when unknown, expired or completed.</summary>
    [Alias("get")]
    Task<PendingLogin?> GetAsync();

    /// <summary>Takes the pending request exactly once; null when unknown, expired or already completed.</summary>
    [Alias("complete")]
    Task<PendingLogin?> CompleteAsync();
}
