using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace NemLogin.Gateway.Sessions;

/// <summary>
/// Issues and recognises the ids of sessions and flows. A token is the grain key protected with the gateways' shared Data
/// Protection key ring (authenticated encryption), so a value the broker did not issue — a planted cookie, a guessed
/// <c>state</c> — is refused here, before any grain is activated or any store is read.
/// </summary>
internal sealed class IssuedIds(IDataProtectionProvider provider)
{
    private const int KeyBytes = 32;

    /// <summary>A protected 32-byte key is about 155 characters; anything much longer is not ours and is not decoded.</summary>
    private const int MaxTokenLength = 256;

    private readonly IDataProtector _sessions = provider.CreateProtector("NemLogin.IssuedIds", "session");
    private readonly IDataProtector _loginFlows = provider.CreateProtector("NemLogin.IssuedIds", "login-flow");
    private readonly IDataProtector _logoutFlows = provider.CreateProtector("NemLogin.IssuedIds", "logout-flow");

    public IssuedId New(IssuedIdPurpose purpose)
    {
        var key = RandomNumberGenerator.GetBytes(KeyBytes);
        return new IssuedId(Base64Url.EncodeToString(key), Base64Url.EncodeToString(Protector(purpose).Protect(key)));
    }

    /// <summary>The grain key inside <paramref name="token"/>, when the broker issued the token for <paramref name="purpose"/>.</summary>
    public bool TryRead(IssuedIdPurpose purpose, string? token, [NotNullWhen(true)] out string? key)
    {
        key = null;
        if (token is null || token.Length is 0 or > MaxTokenLength || !Base64Url.IsValid(token))
        {
            return false;
        }

        byte[] raw;
        try
        {
            raw = Protector(purpose).Unprotect(Base64Url.DecodeFromChars(token));
        }
        catch (CryptographicException)
        {
            return false;
        }

        if (raw.Length != KeyBytes)
        {
            return false;
        }

        key = Base64Url.EncodeToString(raw);
        return true;
    }

    private IDataProtector Protector(IssuedIdPurpose purpose) => purpose switch
    {
        IssuedIdPurpose.Session => _sessions,
        IssuedIdPurpose.LoginFlow => _loginFlows,
        IssuedIdPurpose.LogoutFlow => _logoutFlows,
        _ => throw new ArgumentOutOfRangeException(nameof(purpose)),
    };
}
