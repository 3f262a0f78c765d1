namespace NemLogin.Grains.ServiceProviders;

[GenerateSerializer, Alias("nl.sp.state")]
public sealed record ServiceProviderState
{
    [Id(0)] public ServiceProviderRegistration? Registration { get; init; }

    /// <summary>When the metadata source may next be fetched; kept out of the registration so a claim does not bump its version.</summary>
    [Id(1)] public DateTimeOffset? NextMetadataRefreshAt { get; init; }
}
