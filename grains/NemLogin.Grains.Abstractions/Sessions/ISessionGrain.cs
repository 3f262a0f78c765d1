namespace NemLogin.Grains.Sessions;

/// <summary>
/// A browser's single sign-on session, keyed by the random session id in the broker's cookie.
/// </summary>
[Alias("nl.session")]
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>The live session, or null when there is none or it has expired (idle or absolute limit).</summary>
    [Alias("get")]
    Task<SessionSnapshot?> GetAsync();

    /// <summary>
    /// Records a fresh authentication. A different identity than the current one starts a new session
    /// (participants are dropped); the same identity keeps its participants and takes the new level and instant.
    /// </summary>
    [Alias("authenticate")]
    Task<SessionSnapshot> AuthenticateAsync(SessionAuthentication authentication);

    /// <summary>
    /// Adds (or refreshes) a service provider as participant and returns it with its SessionIndex; this is activity that
    /// restarts the idle limit. Refused with code <c>session.none</c> when there is no live session.
    /// </summary>
    [Alias("add-participant")]
    Task<SessionParticipant> AddParticipantAsync(string serviceProviderId, string nameId, string nameIdFormat);

    /// <summary>Ends the session and returns the participants it had (for logout propagation).</summary>
    [Alias("end")]
    Task<SessionSnapshot?> EndAsync();
}
