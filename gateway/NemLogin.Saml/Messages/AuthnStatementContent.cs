namespace NemLogin.Saml.Messages;

/// <summary>One AuthnStatement (SAML Core 2.7.2) as read, unchecked.</summary>
internal sealed record AuthnStatementContent(
    string? SessionIndex,
    DateTimeOffset AuthnInstant,
    DateTimeOffset? SessionNotOnOrAfter,
    string? ClassRef,
    IReadOnlyList<string> AuthenticatingAuthorities);
