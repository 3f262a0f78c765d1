using NemLogin.Saml.Messages;

namespace NemLogin.Saml.Validation;

/// <summary>
/// An AuthnRequest that passed every rule, with the registered ACS URL the response goes to and the RelayState to echo.
/// A requested authentication context is normalised to Comparison "minimum" (OIOSAML 3.0.3).
/// </summary>
public sealed record ValidatedAuthnRequest(AuthnRequest Request, string AssertionConsumerServiceUrl, string? RelayState);
