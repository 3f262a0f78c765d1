namespace NemLogin.Grains.Sessions;

/// <summary>
/// A browser's single sign-on session, keyed by a random session id the broker issued (the cookie carries it, protected).
/// A session id is used for one authentication only: every successful authentication starts a session under a new id
/// (no session fixation).
/// </summary>
[Alias("nl.session")]
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>The live session, or null when there is none or it has expired (idle or absolute limit).</summary>
    [Alias("get")]
    Task<SessionSnapshot?> GetAsync();

    /// <summary>
    /// Starts this session with a fresh authentication. <paramref name="previousSessionId"/> is the session the browser
    /// held before (or null): it ends, and when it was the same identity's, its participants and absolute expiry move
    /// here (with their SessionIndexes); another identity's participants are dropped. Refused with <c>session.exists</c>
    /// when this id already holds another authentication: ids are never reused (the same call repeated answers as before).
    /// </summary>
    [Alias("start")]
    Task<SessionSnapshot> StartAsync(SessionAuthentication authentication, string? previousSessionId);

    /// <summary>
    /// <see cref="StartAsync"/> and, in the same call, <see cref="AssertAsync"/> for the party that asked for the login.
    /// </summary>
    [Alias("start-and-assert")]
    Task<SessionAssertion> StartAndAssertAsync(SessionAuthentication authentication, string? previousSessionId, AssertionRequest request);

    /// <summary>
    /// Single sign-on and every assertion, in one call: when the session is live, at least at the party's level, fresh
    /// enough (<see cref="AssertionRequest.AuthenticatedSince"/>) and the person the party expects (when it names one), the
    /// party becomes (or stays) a participant with its subject identifier and SessionIndex, and the answer carries what the
    /// party may learn about the person (asked of the identity grain). Activity that restarts the idle limit. Otherwise the
    /// answer says why not and nothing changes.
    /// </summary>
    [Alias("assert")]
    Task<SessionAssertion> AssertAsync(AssertionRequest request);

    /// <summary>
    /// Ends this session because the browser authenticated again under <paramref name="nextSessionId"/>; returns what
    /// the next session takes over when it is the same identity's and still live, else null. Called by the next session.
    /// </summary>
    [Alias("hand-over")]
    Task<SessionHandOver?> HandOverAsync(Guid identityId, string nextSessionId);

    /// <summary>
    /// Adds (or refreshes) a SAML service provider as participant with a subject the caller chose and returns it with its
    /// SessionIndex; this is activity that restarts the idle limit. Logins use <see cref="AssertAsync"/>, which also decides
    /// whether the party may be answered. Refused with code <c>session.none</c> when there is no live session.
    /// </summary>
    [Alias("add-participant")]
    Task<SessionParticipant> AddParticipantAsync(string serviceProviderId, string nameId, string nameIdFormat);

    /// <summary>Ends the session and returns the participants it had (for logout propagation).</summary>
    [Alias("end")]
    Task<SessionSnapshot?> EndAsync();
}
