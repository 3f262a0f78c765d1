namespace NemLogin.Grains.Oidc;

[GenerateSerializer, Alias("nl.oidc.token.state")]
public sealed record OidcTokenState
{
    [Id(0)] public OidcTokenEntry? Entry { get; init; }
}
