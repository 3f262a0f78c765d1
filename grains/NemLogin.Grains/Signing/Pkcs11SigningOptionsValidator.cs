using Microsoft.Extensions.Options;

namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>Checks <c>Signing:Pkcs11</c> when the HSM provider is chosen; messages name keys, never the PIN's value.</summary>
internal sealed class Pkcs11SigningOptionsValidator(IOptions<SigningOptions> signing) : IValidateOptions<Pkcs11SigningOptions>
{
    private const int MostSessions = 256;

    public ValidateOptionsResult Validate(string? name, Pkcs11SigningOptions options)
    {
        if (signing.Value.Provider != SigningOptions.Pkcs11Provider)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        Require(string.IsNullOrWhiteSpace(options.LibraryPath), "Signing:Pkcs11:LibraryPath (the PKCS#11 module) is required.");
        Require(string.IsNullOrWhiteSpace(options.TokenLabel), "Signing:Pkcs11:TokenLabel is required: Signing:Provider 'Pkcs11' finds its token by label.");
        Require(string.IsNullOrEmpty(options.Pin), "Signing:Pkcs11:Pin is required (set it from a secret store or the environment, Signing__Pkcs11__Pin).");
        Require(options.Sessions is < 1 or > MostSessions, $"Signing:Pkcs11:Sessions must be between 1 and {MostSessions}.");
        Require(options.MaxQueueLength < 1, "Signing:Pkcs11:MaxQueueLength must be at least 1.");
        Require(options.MaxQueueWait <= TimeSpan.Zero, "Signing:Pkcs11:MaxQueueWait must be positive.");
        Require(options.KeyRefreshInterval < TimeSpan.Zero, "Signing:Pkcs11:KeyRefreshInterval must not be negative.");
        Require(options.RecoveryInterval < TimeSpan.Zero, "Signing:Pkcs11:RecoveryInterval must not be negative.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Require(bool failed, string message)
        {
            if (failed)
            {
                failures.Add(message);
            }
        }
    }
}
