namespace NemLogin.Saml.Metadata;

/// <summary>An attribute a service provider asks for in its AttributeConsumingService (SAML Metadata 2.4.4.2).</summary>
public sealed record RequestedAttributeInfo(string Name, bool IsRequired);
