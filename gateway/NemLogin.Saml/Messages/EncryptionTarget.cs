using System.Security.Cryptography.X509Certificates;

namespace NemLogin.Saml.Messages;

/// <summary>Whom an assertion is encrypted for and how, as the service provider's metadata EncryptionMethod says.</summary>
public sealed record EncryptionTarget(X509Certificate2 Certificate, string DataAlgorithm, string KeyTransportAlgorithm);
