namespace NemLogin.Grains.Oidc;

[GenerateSerializer, Alias("nl.oidc.client.state")]
public sealed record OidcClientState
{
    [Id(0)] public OidcClient? Client { get; init; }
}
