namespace NemLogin.Grains.Sessions;

/// <summary>Single sign-on session policy, bound from the <c>Sessions</c> configuration section.</summary>
public sealed class SessionOptions
{
    public const string SectionName = "Sessions";

    /// <summary>How long a session lasts after its identity first authenticated; later logins do not extend it.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(8);
}
