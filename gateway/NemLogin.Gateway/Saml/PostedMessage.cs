using Microsoft.AspNetCore.Http;

namespace NemLogin.Gateway.Saml;

/// <summary>A SAML message received with the HTTP-POST binding: which parameter carried it, its XML, its RelayState.</summary>
internal sealed record PostedMessage(string Parameter, string Encoded, string Xml, string? RelayState, IFormCollection Form);
