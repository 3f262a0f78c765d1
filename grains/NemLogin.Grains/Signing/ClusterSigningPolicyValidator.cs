using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace NemLogin.Grains.Signing;

/// <summary>
/// A cluster signs in an HSM: the software key is refused unless the operator says this is a development cluster, and
/// that allowance itself is refused outside the Development environment (README, 'Production guards').
/// </summary>
internal sealed class ClusterSigningPolicyValidator(IHostEnvironment environment) : IValidateOptions<SigningOptions>
{
    public ValidateOptionsResult Validate(string? name, SigningOptions options)
    {
        if (options.Provider != SigningOptions.SoftwareProvider)
        {
            return ValidateOptionsResult.Success;
        }

        if (!options.AllowSoftwareInCluster)
        {
            return ValidateOptionsResult.Fail(
                "Signing:Provider is 'Software', which is for the embedded demo only. A cluster signs in an HSM: set Signing:Provider=Pkcs11 " +
                "and the Signing:Pkcs11 section (README, 'Keys in the HSM'), or set Signing:AllowSoftwareInCluster=true for a development cluster.");
        }

        return environment.IsDevelopment()
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Signing:AllowSoftwareInCluster=true lets a cluster sign with a software key, which is for a development cluster only; " +
                $"outside Development (environment '{environment.EnvironmentName}') set Signing:Provider=Pkcs11 and the Signing:Pkcs11 section " +
                "(README, 'Keys in the HSM').");
    }
}
