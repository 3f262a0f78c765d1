namespace NemLogin.LoadTests.Scenarios;

/// <summary>Every scenario by name. Single logout joins when the broker offers /saml/slo.</summary>
public static class ScenarioCatalog
{
    public static IReadOnlyList<ILoadScenario> All { get; } = [new SamlLoginScenario(), new SsoSecondSpScenario(), new SpChurnScenario()];

    public static ILoadScenario Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"No scenario '{name}'. Known: {string.Join(", ", All.Select(s => s.Name))}.");
}
