using NemLogin.Grains.Assurance;

namespace NemLogin.Grains.LoginFlows;

/// <summary>
/// A login request waiting while the user is at the upstream identity provider. Protocol-neutral: SAML now,
/// OpenID Connect later; <see cref="Protocol"/> says which front end resumes it.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("nl.flow.pending")]
public sealed record PendingLogin
{
    [Id(0)] public required string Protocol { get; init; }
    [Id(1)] public required string ServiceProviderId { get; init; }
    [Id(2)] public required string RequestId { get; init; }
    [Id(3)] public required string ResponseUrl { get; init; }
    [Id(4)] public string? RelayState { get; init; }
    [Id(5)] public LevelOfAssurance RequiredLoa { get; init; }
    [Id(6)] public bool ForceAuthn { get; init; }
    [Id(7)] public string? NameIdFormat { get; init; }

    /// <summary>Which upstream identity provider the user was sent to.</summary>
    [Id(8)] public required string Upstream { get; init; }

    /// <summary>The nonce sent upstream (OIDC) that the upstream's ID token must echo.</summary>
    [Id(9)] public string? UpstreamNonce { get; init; }

    /// <summary>The PKCE code verifier for the upstream code exchange.</summary>
    [Id(10)] public string? UpstreamCodeVerifier { get; init; }

    // Id(11) held the browser's session id until the flow got its own browser binding; never reuse it.

    /// <summary>
    /// The SHA-256 (hex) of the browser-binding secret of the browser that started the flow: only that browser may take it
    /// (login CSRF). Never the session id: a session id is issued anew at every authentication.
    /// </summary>
    [Id(12)] public required string BrowserBinding { get; init; }

    /// <summary>When the flow began: with <see cref="ForceAuthn"/> the upstream's authentication must be later.</summary>
    [Id(13)] public DateTimeOffset StartedAt { get; init; }

    /// <summary>The eID attribute profile the party asked for: a citizen, or an employee acting for an organisation.</summary>
    [Id(14)] public Identities.EidProfile Profile { get; init; }

    /// <summary>
    /// While the person chooses whom to act as (the login page's question): the identities offered. The choice must be one
    /// of them, and the session checks it again when it asserts.
    /// </summary>
    [Id(15)] public System.Collections.Immutable.ImmutableArray<Sessions.ActingChoice> Choices { get; init; } = [];

    /// <summary>The party's hint of who logs in (OIDC <c>login_hint</c>), passed to the upstream; never trusted as identity.</summary>
    [Id(16)] public string? LoginHint { get; init; }
}
