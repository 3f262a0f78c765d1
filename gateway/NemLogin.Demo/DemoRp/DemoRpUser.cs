namespace NemLogin.Demo.DemoRp;

/// <summary>The demo RP's signed-in user: the ID token's claims as received.</summary>
internal sealed record DemoRpUser(IReadOnlyDictionary<string, string> Claims);
