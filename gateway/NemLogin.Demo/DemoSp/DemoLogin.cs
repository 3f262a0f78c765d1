namespace NemLogin.Demo.DemoSp;

/// <summary>What the demo SP learned from a validated assertion; kept in its own protected cookie.</summary>
internal sealed record DemoLogin(
    string NameId,
    string? NameIdFormat,
    string? SessionIndex,
    DateTimeOffset AuthnInstant,
    IReadOnlyList<string> AuthenticatingAuthorities,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Attributes);
