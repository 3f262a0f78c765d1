namespace NemLogin.Grains.ServiceProviders;

[GenerateSerializer, Alias("nl.sp.state")]
public sealed record ServiceProviderState
{
    [Id(0)] public ServiceProviderRegistration? Registration { get; init; }
}
