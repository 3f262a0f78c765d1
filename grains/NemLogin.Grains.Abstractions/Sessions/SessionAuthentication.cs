using NemLogin.Grains.Assurance;

namespace NemLogin.Grains.Sessions;

/// <summary>An authentication that just happened upstream, to be recorded in the browser's session.</summary>
[GenerateSerializer, Immutable]
[Alias("nl.session.authentication")]
public sealed record SessionAuthentication(
    [property: Id(0)] Guid IdentityId,
    [property: Id(1)] LevelOfAssurance Loa,
    [property: Id(2)] DateTimeOffset AuthnInstant,
    [property: Id(3)] string AuthenticatingAuthority);
