using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace NemLogin.Demo.MitIdSimulator;

/// <summary>Comparisons of secrets in constant time, and the PKCE transform the simulator checks verifiers with.</summary>
internal static class SimulatorSecrets
{
    /// <summary>Compares hashes so neither content nor length leaks through timing.</summary>
    public static bool AreEqual(string? presented, string expected)
    {
        if (presented is null)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }

    /// <summary>RFC 7636 4.2: BASE64URL(SHA256(ASCII(code_verifier))).</summary>
    public static string S256(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <summary>RFC 7636 4.1: 43 to 128 characters of [A-Z] [a-z] [0-9] "-" "." "_" "~".</summary>
    public static bool IsWellFormedVerifier(string? verifier) =>
        verifier is { Length: >= 43 and <= 128 } && verifier.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~');

    /// <summary>An S256 challenge is the base64url form of 32 bytes: 43 characters.</summary>
    public static bool IsWellFormedChallenge(string? challenge) =>
        challenge is { Length: 43 } && challenge.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
