using System.Globalization;

namespace NemLogin.Grains.Replay;

/// <summary>
/// Builds <see cref="IOneTimeIdGrain"/> keys, scoped by kind and issuer so two parties cannot collide. The issuer is
/// length-prefixed: issuers and ids are chosen by senders and may contain any separator, and without the length
/// <c>("a|b", "c")</c> and <c>("a", "b|c")</c> would share a key — one SP could burn another's ids.
/// </summary>
public static class OneTimeIdKey
{
    public static string For(string kind, string issuer, string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(id);
        if (kind.Contains('|', StringComparison.Ordinal))
        {
            throw new ArgumentException("A kind never contains the separator.", nameof(kind));
        }

        return string.Create(CultureInfo.InvariantCulture, $"{kind}|{issuer.Length}|{issuer}|{id}");
    }
}
