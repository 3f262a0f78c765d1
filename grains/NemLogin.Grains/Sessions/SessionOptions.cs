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
}
