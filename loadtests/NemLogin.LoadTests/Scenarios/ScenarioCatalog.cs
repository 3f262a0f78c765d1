namespace NemLogin.LoadTests.Scenarios;

/// <summary>Every scenario by name. Act-on-behalf and mandate scenarios join here when those features land.</summary>
public static class ScenarioCatalog
{
    public static IReadOnlyList<ILoadScenario> All { get; } = [new SamlLoginScenario(), new SsoSecondSpScenario(), new SamlLogoutScenario(), new SpChurnScenario(), new SimpleSamlPhpLoginScenario(), new OidcLoginScenario(), new OidcRefreshScenario(), new ReferenceOpLoginScenario(), new Professional.ProfessionalLoginScenario()];

    public static ILoadScenario Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"No scenario '{name}'. Known: {string.Join(", ", All.Select(s => s.Name))}.");
}
