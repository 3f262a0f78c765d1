using Microsoft.Extensions.Options;

namespace NemLogin.Grains.Signing;

/// <summary>A cluster signs in an HSM: the software key is refused unless the operator says this is a development cluster.</summary>
internal sealed class ClusterSigningPolicyValidator : IValidateOptions<SigningOptions>
{
    public ValidateOptionsResult Validate(string? name, SigningOptions options) =>
        options.Provider == SigningOptions.SoftwareProvider && !options.AllowSoftwareInCluster
            ? ValidateOptionsResult.Fail(
                "Signing:Provider is 'Software', which is for the embedded demo only. A cluster signs in an HSM: set Signing:Provider=Pkcs11 " +
                "and the Signing:Pkcs11 section (README, 'Keys in the HSM'), or set Signing:AllowSoftwareInCluster=true for a development cluster.")
            : ValidateOptionsResult.Success;
}
