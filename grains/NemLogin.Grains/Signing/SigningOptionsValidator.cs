using Microsoft.Extensions.Options;

namespace NemLogin.Grains.Signing;

internal sealed class SigningOptionsValidator : IValidateOptions<SigningOptions>
{
    public ValidateOptionsResult Validate(string? name, SigningOptions options)
    {
        // Fail at start-up rather than fall back: a misspelt HSM provider must never silently sign in software.
        if (options.Provider is not (SigningOptions.SoftwareProvider or SigningOptions.Pkcs11Provider))
        {
            return ValidateOptionsResult.Fail(
                $"Signing:Provider '{options.Provider}' is not supported; use '{SigningOptions.Pkcs11Provider}' (HSM) or '{SigningOptions.SoftwareProvider}' (embedded demo only).");
        }

        return options.Provider == SigningOptions.SoftwareProvider && string.IsNullOrWhiteSpace(options.SoftwareKeyDirectory)
            ? ValidateOptionsResult.Fail("Signing:SoftwareKeyDirectory is required for the Software provider.")
            : ValidateOptionsResult.Success;
    }
}
