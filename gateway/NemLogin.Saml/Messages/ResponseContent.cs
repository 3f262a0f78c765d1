using System.Xml;

namespace NemLogin.Saml.Messages;

/// <summary>
/// What the response reader found besides the envelope model: the direct-child assertions, plain and encrypted (the
/// EncryptedAssertion elements and the EncryptedData each holds first), by position, so the validator counts and decrypts
/// exactly those.
/// </summary>
internal sealed record ResponseContent(
    ReceivedMessage<SamlResponse> Received,
    string? IssuerFormat,
    IReadOnlyList<XmlElement> EncryptedData,
    IReadOnlyList<XmlElement> Assertions,
    IReadOnlyList<XmlElement> EncryptedAssertions);
