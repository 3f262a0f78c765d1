namespace NemLogin.Saml.Bindings;

/// <summary>
/// A decoded HTTP-Redirect message. <see cref="SignedOctets"/> are the query parameters exactly as received, the input of
/// the query signature (SAML Bindings 3.4.4.1).
/// </summary>
public sealed record RedirectMessage(
    string ParameterName,
    string Xml,
    string? RelayState,
    string? SigAlg,
    byte[]? Signature,
    byte[] SignedOctets);
