using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace NemLogin.Grains.Signing;

public static class SigningClusterExtensions
{
    /// <summary>
    /// For cluster hosts: the silo refuses to start with the software key unless <c>Signing:AllowSoftwareInCluster</c>
    /// is true (a development cluster). The embedded host does not call this.
    /// </summary>
    public static ISiloBuilder AddNemLoginClusterSigningPolicy(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SigningOptions>, ClusterSigningPolicyValidator>());
        return silo;
    }
}
