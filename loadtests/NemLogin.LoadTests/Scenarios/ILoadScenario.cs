using NemLogin.LoadTests.Engine;

namespace NemLogin.LoadTests.Scenarios;

/// <summary>
/// A scenario: what one virtual user does in one iteration, as a sequence of named steps run through
/// <see cref="ScenarioContext.StepAsync"/>. A new scenario is one class and one line in <see cref="ScenarioCatalog"/>.
/// </summary>
public interface ILoadScenario
{
    string Name { get; }

    string Description { get; }

    /// <summary>Full logins at the upstream (MitID) one OK iteration makes; the divisor of the broker's CPU per login.</summary>
    int LoginsPerIteration { get; }

    /// <summary>
    /// Whether the scenario signs in as a virtual SAML SP (the run then reads the broker's SAML metadata and the SP
    /// folder). The OpenID Connect scenarios need neither, so they also run against an OP that speaks no SAML.
    /// </summary>
    bool UsesSaml => true;

    Task RunAsync(ScenarioContext context);
}
