namespace NemLogin.Saml.Validation;

/// <summary>
/// How far a received request's IssueInstant may lie from the receiver's clock (OIOSAML 3: 5 minutes of skew) and how old
/// it may be: together they bound the time a message can be accepted at all, and so how long its ID must be remembered
/// against replay (<see cref="AcceptanceWindow"/>).
/// </summary>
public static class MessageAge
{
    public static readonly TimeSpan DefaultClockSkew = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan DefaultMaxMessageAge = TimeSpan.FromMinutes(10);

    /// <summary>
    /// From the earliest moment a message is accepted (IssueInstant minus the skew) to the last (IssueInstant plus the age
    /// and the skew): once this has passed since a message's first use, its age alone refuses it again.
    /// </summary>
    public static TimeSpan AcceptanceWindow(TimeSpan maxMessageAge, TimeSpan clockSkew) => maxMessageAge + clockSkew + clockSkew;
}
