namespace NemLogin.Grains.Sessions;

/// <summary>
/// The service provider whose LogoutRequest started a single logout: the request to answer, and the registered endpoint
/// (binding and URL, chosen when the request was validated) the LogoutResponse goes to.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("nl.logout.initiator")]
public sealed record LogoutInitiator(
    [property: Id(0)] string ServiceProviderId,
    [property: Id(1)] string RequestId,
    [property: Id(2)] string? RelayState,
    [property: Id(3)] string ResponseBinding,
    [property: Id(4)] string ResponseUrl);
