using System.Security.Cryptography;

namespace NemLogin.Gateway.Logout;

/// <summary>The key of a single logout flow: 256 random bits in lower-case hex (an xs:NCName-safe value).</summary>
internal static class LogoutFlowId
{
    private const int Bytes = 32;

    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(Bytes));

    public static bool IsValid(string? value) =>
        value is { Length: Bytes * 2 } && value.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
