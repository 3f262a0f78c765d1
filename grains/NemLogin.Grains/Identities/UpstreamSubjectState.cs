namespace NemLogin.Grains.Identities;

[GenerateSerializer, Alias("nl.upstream-subject.state")]
public sealed record UpstreamSubjectState
{
    [Id(0)] public Guid IdentityId { get; init; }
}
