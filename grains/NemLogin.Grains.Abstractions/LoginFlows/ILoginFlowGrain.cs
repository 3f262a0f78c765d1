namespace NemLogin.Grains.LoginFlows;

/// <summary>
/// A pending login, keyed by a random flow id the broker issued (the upstream <c>state</c> carries it, protected). Expires
/// on its own.
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

    /// <summary>
    /// Compare and take: hands the pending request out exactly once, and only to the browser whose binding hash
    /// (<see cref="PendingLogin.BrowserBinding"/>) is <paramref name="browserBinding"/>. Another browser's attempt changes
    /// nothing (login CSRF must not burn the victim's flow either).
    /// </summary>
    [Alias("take")]
    Task<FlowTake> TakeAsync(string browserBinding);
}
