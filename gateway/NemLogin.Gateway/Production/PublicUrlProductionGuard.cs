using Microsoft.Extensions.Options;
using NemLogin.Gateway.Hosting;
using NemLogin.Gateway.Transport;

namespace NemLogin.Gateway.Production;

/// <summary>
/// Outside Development the broker's address is configured and https: the entityID, metadata, every redirect and the
/// Secure flag of its cookies follow it, and an address guessed from the listening socket is an internal one.
/// </summary>
internal sealed class PublicUrlProductionGuard(IHostEnvironment environment) : IValidateOptions<BrokerOptions>
{
    public ValidateOptionsResult Validate(string? name, BrokerOptions options) =>
        environment.IsDevelopment() || PublicUrl.IsHttps(options.PublicBaseUrl)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Broker:PublicBaseUrl must be the broker's https address outside Development (environment '{environment.EnvironmentName}'); " +
                $"it is {(string.IsNullOrWhiteSpace(options.PublicBaseUrl) ? "not set" : "'" + options.PublicBaseUrl + "'")}.");
}
