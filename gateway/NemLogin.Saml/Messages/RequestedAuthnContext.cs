namespace NemLogin.Saml.Messages;

/// <summary>
/// The assurance a service provider asks for (SAML Core 3.3.2.2.1): a comparison (<c>exact</c> when the request omits it) and
/// the class references, which in OIOSAML 3 are NSIS levels and eID attribute profiles.
/// </summary>
public sealed record RequestedAuthnContext(string Comparison, IReadOnlyList<string> ClassRefs);
