using System.Security.Cryptography;

namespace NemLogin.Grains.Signing;

/// <summary>RSA-OAEP (RFC 8017 §7.1) as a key store runs it: the label hash and the hash inside MGF1. The label is always empty.</summary>
public sealed record RsaOaepParameters(HashAlgorithmName Digest, HashAlgorithmName Mgf1Digest);
