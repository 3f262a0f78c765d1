namespace NemLogin.LoadTests.Scenarios;

/// <summary>Every scenario by name. Single logout and SP registration churn join when the broker offers /saml/slo and the admin API.</summary>
public static class ScenarioCatalog
{
    public static IReadOnlyList<ILoadScenario> All { get; } = [new SamlLoginScenario(), new SsoSecondSpScenario()];

    public static ILoadScenario Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"No scenario '{name}'. Known: {string.Join(", ", All.Select(s => s.Name))}.");
}
