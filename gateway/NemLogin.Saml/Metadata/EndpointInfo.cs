namespace NemLogin.Saml.Metadata;

/// <summary>A metadata endpoint (SAML Metadata 2.2.2–2.2.3); <see cref="Index"/> is the document position for unindexed ones.</summary>
public sealed record EndpointInfo(string Binding, string Location, int Index, bool IsDefault);
