using NemLogin.Saml.Messages;

namespace NemLogin.Saml.Validation;

/// <summary>
/// A trusted AuthnRequest (signature verified, ACS taken from the registration) that asks for something the broker cannot
/// give. It is answered with a signed Response carrying <see cref="StatusCode"/> and <see cref="SubStatusCode"/>
/// (SAML Core 3.2.2.2), posted to <see cref="AssertionConsumerServiceUrl"/>, never with an error page.
/// </summary>
public sealed record RefusedAuthnRequest(
    AuthnRequest Request,
    string AssertionConsumerServiceUrl,
    string? RelayState,
    SamlErrorCode Reason,
    string StatusCode,
    string SubStatusCode,
    string StatusMessage);
