namespace NemLogin.Grains.Rights;

/// <summary>How an IT system is registered at the broker. Numbers are stored; never renumber.</summary>
[GenerateSerializer]
[Alias("nl.it-system.kind")]
public enum ItSystemKind
{
    /// <summary>A SAML service provider, by entityID.</summary>
    Saml = 0,

    /// <summary>An OpenID Connect client, by client_id.</summary>
    Oidc = 1,
}
