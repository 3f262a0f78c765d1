using NemLogin.Grains.Assurance;
using NemLogin.Grains.Identities;

namespace NemLogin.Grains.Sessions;

/// <summary>An authentication that just happened upstream, to be recorded in the browser's session.</summary>
[GenerateSerializer, Immutable]
[Alias("nl.session.authentication")]
public sealed record SessionAuthentication(
    [property: Id(0)] Guid IdentityId,
    [property: Id(1)] LevelOfAssurance Loa,
    [property: Id(2)] DateTimeOffset AuthnInstant,
    [property: Id(3)] string AuthenticatingAuthority)
{
    /// <summary>
    /// What the upstream asserted about the person, when it is to be recorded: the session brings the identity up to date
    /// in the call that asks it for the attribute release (one identity call per login instead of two), or on its own when
    /// no release is asked. Null: the identity is left as it is.
    /// </summary>
    [Id(4)] public PersonAttributes? Person { get; init; }
}
