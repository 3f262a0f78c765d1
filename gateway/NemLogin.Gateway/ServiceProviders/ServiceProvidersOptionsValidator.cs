using Microsoft.Extensions.Options;
using NemLogin.Grains.Assurance;

namespace NemLogin.Gateway.ServiceProviders;

internal sealed class ServiceProvidersOptionsValidator : IValidateOptions<ServiceProvidersOptions>
{
    public ValidateOptionsResult Validate(string? name, ServiceProvidersOptions options)
    {
        var failures = new List<string>();
        if (options.DefaultMinimumLoa is < LevelOfAssurance.Low or > LevelOfAssurance.High)
        {
            failures.Add("ServiceProviders:DefaultMinimumLoa must be Low, Substantial or High.");
        }

        if (options.MetadataRefreshCheckInterval < TimeSpan.FromSeconds(1) || options.MetadataRefreshCheckInterval > TimeSpan.FromHours(12))
        {
            failures.Add("ServiceProviders:MetadataRefreshCheckInterval must be between 1 second and 12 hours.");
        }

        if (options.RegistrationCacheTime < TimeSpan.Zero || options.RegistrationCacheTime > TimeSpan.FromMinutes(5))
        {
            failures.Add("ServiceProviders:RegistrationCacheTime must be between 0 and 5 minutes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
