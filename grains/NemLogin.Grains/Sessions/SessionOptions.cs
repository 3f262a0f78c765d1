namespace NemLogin.Grains.Sessions;

/// <summary>Single sign-on session policy, bound from the <c>Sessions</c> configuration section.</summary>
public sealed class SessionOptions
{
    public const string SectionName = "Sessions";

    /// <summary>How long a session lasts after its identity first authenticated; later logins do not extend it.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How long a session lasts without activity (a login or an assertion issued in it).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a single logout may take before its record is dropped (the logout page's wait is far shorter).</summary>
    public TimeSpan LogoutLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a session's grain activation stays in memory after its last call. The session lives in storage, so a later
    /// call (single sign-on at another party, logout) reads it back; the activation is only worth keeping while the
    /// browser is acting. Orleans' default (a quarter of an hour) held every login's activation that long: at a peak rate
    /// of 116 logins/s about 100,000 of them, the largest part of a soak's memory growth.
    /// </summary>
    public TimeSpan ActivationIdleLimit { get; set; } = TimeSpan.FromMinutes(2);
}
