using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace NemLogin.Gateway.Upstream.MitId;

/// <summary>Random values for one login: the nonce and the PKCE verifier, and the verifier's S256 challenge.</summary>
internal static class Pkce
{
    /// <summary>32 random bytes, base64url: 43 characters, within RFC 7636 4.1's 43-128 and 256 bits of entropy.</summary>
    public static string CreateRandomValue() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    /// <summary>RFC 7636 4.2: BASE64URL(SHA256(ASCII(code_verifier))).</summary>
    public static string S256Challenge(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}
