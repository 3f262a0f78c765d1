namespace NemLogin.Saml.Messages;

/// <summary>One SubjectConfirmation and its data (SAML Core 2.4.1.1–2.4.1.2) as read, unchecked.</summary>
internal sealed record SubjectConfirmationContent(
    string Method,
    bool HasData,
    string? Recipient,
    DateTimeOffset? NotBefore,
    DateTimeOffset? NotOnOrAfter,
    string? InResponseTo);
