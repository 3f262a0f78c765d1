namespace NemLogin.Grains.Oidc;

[GenerateSerializer, Alias("nl.oidc.authorization.state")]
public sealed record OidcAuthorizationState
{
    [Id(0)] public OidcAuthorizationEntry? Entry { get; init; }
}
