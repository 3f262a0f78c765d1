using NemLogin.Gateway.ServiceProviders;
using NemLogin.Grains.Assurance;

namespace NemLogin.Gateway.Login;

/// <summary>What a validated request asks of the broker, independent of the protocol it came in.</summary>
internal sealed record LoginDemand(
    RegisteredServiceProvider ServiceProvider,
    string RequestId,
    string ResponseUrl,
    string? RelayState,
    LevelOfAssurance RequiredLoa,
    bool ForceAuthn,
    bool IsPassive,
    string? NameIdFormat)
{
    /// <summary>
    /// The request asked for the Professional profile: the person may choose to log in through the organisation's own IdP.
    /// </summary>
    public bool OffersOrganisations { get; init; }
}
