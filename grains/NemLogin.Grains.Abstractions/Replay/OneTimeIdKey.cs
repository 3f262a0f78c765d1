namespace NemLogin.Grains.Replay;

/// <summary>Builds <see cref="IOneTimeIdGrain"/> keys, scoped by kind and issuer so two parties cannot collide.</summary>
public static class OneTimeIdKey
{
    public static string For(string kind, string issuer, string id) => $"{kind}|{issuer}|{id}";
}
