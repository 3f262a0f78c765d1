using NemLogin.LoadTests.Http;
using NemLogin.LoadTests.Parties;

namespace NemLogin.LoadTests.Engine;

/// <summary>
/// What every iteration of a run shares: the target, the broker as the SPs see it (when a scenario of the run uses
/// SAML), the virtual SPs, the test users, the connection pool, the admin API when a key was given, and the scale of
/// the synthetic population the broker was seeded with, when it was.
/// </summary>
public sealed record RunResources(
    Uri Target,
    BrokerIdentityProvider? SamlIdentityProvider,
    IReadOnlyList<VirtualServiceProvider> ServiceProviders,
    IReadOnlyList<string> Users,
    BrowserTransport Transport,
    AdminApi? Admin = null,
    double? PopulationScale = null)
{
    /// <summary>The broker's SAML metadata; read only when a scenario of the run uses SAML (<see cref="Scenarios.ILoadScenario.UsesSaml"/>).</summary>
    public BrokerIdentityProvider IdentityProvider =>
        SamlIdentityProvider ?? throw new InvalidOperationException("This run read no SAML metadata: none of its scenarios uses SAML.");

    /// <summary>Two different SPs picked at random (the second for single sign-on).</summary>
    public (VirtualServiceProvider First, VirtualServiceProvider Second) TwoServiceProviders()
    {
        var first = Random.Shared.Next(ServiceProviders.Count);
        var second = (first + 1 + Random.Shared.Next(ServiceProviders.Count - 1)) % ServiceProviders.Count;
        return (ServiceProviders[first], ServiceProviders[second]);
    }

    public VirtualServiceProvider AnyServiceProvider() => ServiceProviders[Random.Shared.Next(ServiceProviders.Count)];

    public string AnyUser() => Users[Random.Shared.Next(Users.Count)];
}
