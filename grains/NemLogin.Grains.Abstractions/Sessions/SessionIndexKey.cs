namespace NemLogin.Grains.Sessions;

/// <summary>Builds <see cref="ISessionIndexGrain"/> keys, scoped by service provider so one SP cannot name another's sessions.</summary>
public static class SessionIndexKey
{
    public static string For(string serviceProviderId, string sessionIndex) => $"{serviceProviderId}|{sessionIndex}";
}
