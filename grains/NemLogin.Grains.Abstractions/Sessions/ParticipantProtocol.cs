namespace NemLogin.Grains.Sessions;

/// <summary>How a session participant was signed in, and so how it hears of a logout.</summary>
[GenerateSerializer]
[Alias("nl.session.participant-protocol")]
public enum ParticipantProtocol
{
    /// <summary>A SAML service provider (a LogoutRequest with its NameID and SessionIndex).</summary>
    Saml = 0,

    /// <summary>An OpenID Connect client (<c>NameId</c> is its <c>sub</c>, <c>SessionIndex</c> its <c>sid</c>).</summary>
    Oidc = 1,
}
