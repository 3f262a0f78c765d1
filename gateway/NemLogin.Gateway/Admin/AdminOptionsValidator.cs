using Microsoft.Extensions.Options;

namespace NemLogin.Gateway.Admin;

internal sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        // Empty means "API off"; a short or blank key is refused at start-up rather than accepted as weak protection.
        if (options.ApiKey is null || options.ApiKey.Length == 0)
        {
            return ValidateOptionsResult.Success;
        }

        return string.IsNullOrWhiteSpace(options.ApiKey) || options.ApiKey.Trim().Length < AdminOptions.MinimumKeyLength
            ? ValidateOptionsResult.Fail($"Admin:ApiKey must be at least {AdminOptions.MinimumKeyLength} characters (or unset to turn the API off).")
            : ValidateOptionsResult.Success;
    }
}
