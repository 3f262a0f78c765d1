using System.Security.Cryptography;

namespace NemLogin.Saml.Messages;

/// <summary>Message and assertion identifiers.</summary>
internal static class SamlId
{
    // SAML Core 1.3.4: at least 128 bits of randomness; xs:ID must not start with a digit, hence the underscore.
    public static string New() => "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
