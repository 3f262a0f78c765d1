using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NemLogin.Grains.Hosting;
using NemLogin.Grains.Signing;
using Orleans.TestingHost;

namespace NemLogin.Grains.Tests.Signing;

/// <summary>A cluster silo never signs with the demo software key unless the operator says it is a development cluster.</summary>
public sealed class ClusterSigningPolicyTests
{
    [Fact]
    public void ClusterPolicy_SoftwareProviderWithoutAllowance_Refused()
    {
        using var host = Build(("Signing:Provider", "Software"));

        var refused = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<SigningOptions>>().Value);

        Assert.Contains("Signing:AllowSoftwareInCluster", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClusterPolicy_SoftwareProviderInDevelopmentCluster_Allowed()
    {
        using var host = Build(Environments.Development, ("Signing:Provider", "Software"), ("Signing:AllowSoftwareInCluster", "true"));

        Assert.True(host.Services.GetRequiredService<IOptions<SigningOptions>>().Value.AllowSoftwareInCluster);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void ClusterPolicy_SoftwareAllowanceOutsideDevelopment_Refused(string environment)
    {
        // Production guards (README): no software key signs in a cluster outside Development, whatever the allowance says.
        using var host = Build(environment, ("Signing:Provider", "Software"), ("Signing:AllowSoftwareInCluster", "true"));

        var refused = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<SigningOptions>>().Value);

        Assert.Contains("Signing:AllowSoftwareInCluster=true", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"environment '{environment}'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClusterPolicy_Pkcs11Provider_Accepted()
    {
        using var host = Build(("Signing:Provider", "Pkcs11"));

        Assert.Equal("Pkcs11", host.Services.GetRequiredService<IOptions<SigningOptions>>().Value.Provider);
    }

    [Fact]
    public void EmbeddedHost_WithoutClusterPolicy_SoftwareProviderAllowed()
    {
        using var host = Build(clusterPolicy: false, ("Signing:Provider", "Software"));

        Assert.Equal("Software", host.Services.GetRequiredService<IOptions<SigningOptions>>().Value.Provider);
    }

    private static IHost Build(params (string Key, string Value)[] settings) => Build(clusterPolicy: true, Environments.Production, settings);

    private static IHost Build(string environment, params (string Key, string Value)[] settings) => Build(clusterPolicy: true, environment, settings);

    private static IHost Build(bool clusterPolicy, params (string Key, string Value)[] settings) => Build(clusterPolicy, Environments.Production, settings);

    private static IHost Build(bool clusterPolicy, string environment, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        using var ports = new TestClusterPortAllocator();
        var (siloPort, gatewayPort) = ports.AllocateConsecutivePortPairs(1);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort).AddNemLoginInMemoryStorage().AddNemLoginGrains();
            if (clusterPolicy)
            {
                silo.AddNemLoginClusterSigningPolicy();
            }
        });
        return builder.Build();
    }
}
