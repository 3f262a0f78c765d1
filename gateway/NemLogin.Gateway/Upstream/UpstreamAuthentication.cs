using NemLogin.Grains.Assurance;
using NemLogin.Grains.Identities;

namespace NemLogin.Gateway.Upstream;

/// <summary>A completed upstream authentication: who, how strongly, when, according to whom.</summary>
public sealed record UpstreamAuthentication(
    string Authority,
    string Subject,
    LevelOfAssurance Loa,
    DateTimeOffset AuthnInstant,
    PersonAttributes Person);
