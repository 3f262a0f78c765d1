using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NemLogin.Grains.Hosting;
using NemLogin.Grains.Signing;
using NemLogin.Grains.Signing.Pkcs11;
using Orleans.TestingHost;

namespace NemLogin.Hsm.Tests.Grains;

/// <summary>
/// Two in-process silos signing with one SoftHSM2 token (Signing:Provider=Pkcs11, two sessions each). Every silo's
/// session seam is wrapped by a <see cref="FaultInjectingSessionFactory"/> that counts what reaches the HSM.
/// </summary>
public sealed class HsmClusterFixture : IAsyncLifetime
{
    public const int SessionsPerSilo = 2;

    private InProcessTestCluster? _cluster;

    public Pkcs11SigningOptions Token { get; } = SoftHsm.NewToken("cluster");

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public IGrainFactory Grains => Cluster.Client;

    public IEnumerable<FaultInjectingSessionFactory> Seams =>
        Cluster.Silos.Select(s => (FaultInjectingSessionFactory)s.ServiceProvider.GetRequiredService<IHsmSessionFactory>());

    public async ValueTask InitializeAsync()
    {
        var keys = new Pkcs11KeyAdministration(Token, TimeProvider.System);
        keys.Generate(KeyPurpose.SamlSigning, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);
        keys.Generate(KeyPurpose.SamlSigning, KeyRole.Next, HsmKeyAlgorithm.Rsa2048);
        keys.Generate(KeyPurpose.TokenSigning, KeyRole.Current, HsmKeyAlgorithm.EcP256);
        keys.Generate(KeyPurpose.SamlEncryption, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);

        var settings = SoftHsm.Settings(Token);
        settings["Signing:Pkcs11:Sessions"] = SessionsPerSilo.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var builder = new InProcessTestClusterBuilder();
        builder.ConfigureHost(host => host.Configuration.AddInMemoryCollection(settings));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<Pkcs11SessionFactory>();
            silo.Services.AddSingleton<IHsmSessionFactory>(sp => new FaultInjectingSessionFactory(sp.GetRequiredService<Pkcs11SessionFactory>()));
            silo.AddNemLoginInMemoryStorage().AddNemLoginGrains();
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
