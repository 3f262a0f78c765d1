namespace NemLogin.LoadTests.Scenarios;

/// <summary>Every scenario by name.</summary>
public static class ScenarioCatalog
{
    public static IReadOnlyList<ILoadScenario> All { get; } = [new SamlLoginScenario(), new SsoSecondSpScenario(), new SamlLogoutScenario(), new SpChurnScenario(), new SimpleSamlPhpLoginScenario(), new OidcLoginScenario(), new OidcRefreshScenario(), new ReferenceOpLoginScenario(), new Professional.ProfessionalLoginScenario(), new Mandates.MandateLoginScenario()];

    public static ILoadScenario Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"No scenario '{name}'. Known: {string.Join(", ", All.Select(s => s.Name))}.");
}
