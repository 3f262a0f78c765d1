namespace NemLogin.Grains.Tests.Support;

/// <summary>Unique grain keys, so tests sharing a cluster never see each other's state.</summary>
internal static class TestIds
{
    public static string New(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public static string EntityId() => $"https://sp-{Guid.NewGuid():N}.example.dk/saml";
}
