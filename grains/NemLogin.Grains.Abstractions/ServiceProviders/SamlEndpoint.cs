namespace NemLogin.Grains.ServiceProviders;

/// <summary>An endpoint from SP metadata (AssertionConsumerService or SingleLogoutService).</summary>
[GenerateSerializer, Immutable]
[Alias("nl.sp.endpoint")]
public sealed record SamlEndpoint(
    [property: Id(0)] string Binding,
    [property: Id(1)] string Location,
    [property: Id(2)] int Index,
    [property: Id(3)] bool IsDefault)
{
    /// <summary>Where responses to this endpoint go when it differs from <see cref="Location"/> (SAML Metadata 2.2.2).</summary>
    [Id(4)] public string? ResponseLocation { get; init; }
}
