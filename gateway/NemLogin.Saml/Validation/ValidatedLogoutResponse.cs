using NemLogin.Saml.Messages;

namespace NemLogin.Saml.Validation;

/// <summary>A LogoutResponse that passed every rule (its status may still report a failed logout), with its RelayState.</summary>
public sealed record ValidatedLogoutResponse(LogoutResponse Response, string? RelayState);
