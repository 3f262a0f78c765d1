using Microsoft.Extensions.Options;
using NemLogin.Gateway.Oidc;

namespace NemLogin.Gateway.Production;

/// <summary>
/// Outside Development the key client secrets are hashed under must be configured: without it a public label keys the
/// hash, and a copy of the database would be enough to test guesses of a client's secret offline.
/// </summary>
internal sealed class ClientSecretKeyProductionGuard(IHostEnvironment environment) : IValidateOptions<OidcServerOptions>
{
    public ValidateOptionsResult Validate(string? name, OidcServerOptions options) =>
        environment.IsDevelopment() || !string.IsNullOrWhiteSpace(options.ClientSecretKey)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Oidc:ClientSecretKey is not set; outside Development (environment '{environment.EnvironmentName}') set it to " +
                "base64 of at least 32 random bytes, the same on every gateway, kept apart from the database.");
}
