namespace NemLogin.Grains.ServiceProviders;

/// <summary>An endpoint from SP metadata (AssertionConsumerService or SingleLogoutService).</summary>
[GenerateSerializer, Immutable]
[Alias("nl.sp.endpoint")]
public sealed record SamlEndpoint(
    [property: Id(0)] string Binding,
    [property: Id(1)] string Location,
    [property: Id(2)] int Index,
    [property: Id(3)] bool IsDefault);
