using NemLogin.Gateway.ServiceProviders;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.Identities;

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
    string? NameIdFormat,
    EidProfile Profile = EidProfile.Person);
