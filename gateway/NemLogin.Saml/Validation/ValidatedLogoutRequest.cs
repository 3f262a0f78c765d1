using NemLogin.Saml.Messages;

namespace NemLogin.Saml.Validation;

/// <summary>A LogoutRequest that passed every rule, with the RelayState to echo in the response.</summary>
public sealed record ValidatedLogoutRequest(LogoutRequest Request, string? RelayState);
