using Microsoft.Extensions.Options;

namespace NemLogin.Grains.Signing;

internal sealed class SigningOptionsValidator : IValidateOptions<SigningOptions>
{
    public ValidateOptionsResult Validate(string? name, SigningOptions options)
    {
        // Fail at start-up rather than fall back: a misspelt HSM provider must never silently sign in software.
        if (!string.Equals(options.Provider, SigningOptions.SoftwareProvider, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Fail($"Signing:Provider '{options.Provider}' is not supported; the only provider is '{SigningOptions.SoftwareProvider}'.");
        }

        return string.IsNullOrWhiteSpace(options.SoftwareKeyDirectory)
            ? ValidateOptionsResult.Fail("Signing:SoftwareKeyDirectory is required for the Software provider.")
            : ValidateOptionsResult.Success;
    }
}
