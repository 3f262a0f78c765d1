using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace NemLogin.Demo.MitIdSimulator;

/// <summary>Unguessable identifiers: 256 bits from the OS CSPRNG, base64url (RFC 6749 10.10 asks at least 128).</summary>
internal static class RandomToken
{
    public static string Create() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
}
