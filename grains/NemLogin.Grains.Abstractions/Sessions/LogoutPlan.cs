using System.Collections.Immutable;

namespace NemLogin.Grains.Sessions;

/// <summary>What a single logout sets out to do.</summary>
[GenerateSerializer, Immutable]
[Alias("nl.logout.plan")]
public sealed record LogoutPlan
{
    /// <summary>A hash of the secret the browser holds for this flow; only that browser may drive and finish it.</summary>
    [Id(0)] public required string BrowserBinding { get; init; }

    /// <summary>The identity whose session ended (for audit; never a name or CPR number).</summary>
    [Id(1)] public required Guid IdentityId { get; init; }

    /// <summary>The service provider that asked, or null when the person logged out at the broker.</summary>
    [Id(2)] public LogoutInitiator? Initiator { get; init; }

    /// <summary>Every other participant of the session, in the order they joined.</summary>
    [Id(3)] public required ImmutableArray<LogoutTarget> Targets { get; init; }

    /// <summary>
    /// Where the browser goes when the flow is over, when an OpenID Connect client started the logout: the
    /// <c>post_logout_redirect_uri</c> registered for it, with the <c>state</c> it sent; null shows the broker's result page.
    /// </summary>
    [Id(4)] public string? ReturnUrl { get; init; }

    /// <summary>
    /// The OpenID Connect clients' front-channel logout pages (with <c>iss</c> and <c>sid</c> where a client requires them),
    /// loaded in frames of the progress page; they do not answer, so they never count as pending.
    /// </summary>
    [Id(5)] public ImmutableArray<string> FrontChannelFrames { get; init; } = [];
}
