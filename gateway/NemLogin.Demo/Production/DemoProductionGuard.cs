using Microsoft.Extensions.Options;
using NemLogin.Demo.MitIdSimulator;

namespace NemLogin.Demo.Production;

/// <summary>
/// The demo parts (the MitID simulator, which logs in anyone who types a test user's name, and the demo SP) exist only
/// when a host adds them, so their options being validated at all means they are on. Outside Development that stops
/// the broker at start-up.
/// </summary>
internal sealed class DemoProductionGuard(IHostEnvironment environment) : IValidateOptions<MitIdSimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, MitIdSimulatorOptions options) =>
        environment.IsDevelopment()
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"The demo parts (MitID simulator at /mitid-sim, demo service provider at /demo-sp) are on outside Development " +
                $"(environment '{environment.EnvironmentName}'). The development cluster gateway (NemLogin.DemoGateway) always has them: run NemLogin.Gateway instead. " +
                "The embedded host always has them: run it in Development only (ASPNETCORE_ENVIRONMENT=Development, as `dotnet run` does).");
}
