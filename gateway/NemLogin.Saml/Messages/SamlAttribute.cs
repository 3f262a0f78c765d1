namespace NemLogin.Saml.Messages;

/// <summary>One attribute with its string values, written with NameFormat uri and xsi:type xs:string (OIOSAML 3).</summary>
public sealed record SamlAttribute(string Name, IReadOnlyList<string> Values);
