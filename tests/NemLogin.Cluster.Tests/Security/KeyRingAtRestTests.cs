using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using NemLogin.Cluster.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit;

namespace NemLogin.Cluster.Tests.Security;

/// <summary>
/// Key material at rest: the gateways' shared data-protection key ring lies in Redis, where a backup or a replica's disk
/// can be read. Every key there must be encrypted to the key-ring certificate: readable with its private key (as every
/// gateway reads it) and by nothing without it. That both gateways still read each other's cookies is
/// <c>CrossDataCentreLoginTests</c>, which runs against these encrypted keys.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class KeyRingAtRestTests(ClusterUnderTest cluster)
{
    private const string RedisKey = "nemlogin:data-protection-keys";

    [Fact]
    public async Task KeyRing_InRedis_IsEncryptedToTheKeyRingCertificate()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        // A login through DC1 makes sure the ring has a key.
        using var browser = new LoginBrowser();
        var (loginUrl, _) = await cluster.Sp.LoginUrlAsync(cluster.Gateway("DC1").BaseUrl, cancellationToken);
        Assert.True((await browser.LoginAsync(loginUrl, "alice", cancellationToken)).Success);

        var elements = await StoredKeysAsync();

        Assert.NotEmpty(elements);
        Assert.All(elements, element =>
        {
            Assert.NotNull(element.Descendants().SingleOrDefault(e => e.Name.LocalName == "encryptedSecret"));
            Assert.DoesNotContain(element.Descendants(), e => e.Name.LocalName == "masterKey");
        });
        using var certificate = cluster.KeyRing.LoadWithKey();
        Assert.All(KeysReadWith(elements, certificate), key => Assert.NotNull(key.Descriptor));
        Assert.All(KeysReadWith(elements, null), key => Assert.ThrowsAny<CryptographicException>(() => key.Descriptor));
    }

    private async Task<List<XElement>> StoredKeysAsync()
    {
        var options = ConfigurationOptions.Parse(cluster.Redis.Configuration);
        options.TrustIssuer(cluster.Pki.CaPath);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        var values = await redis.GetDatabase().ListRangeAsync(RedisKey);
        return [.. values.Select(v => XElement.Parse(v.ToString()))];
    }

    /// <summary>The keys as a gateway holding <paramref name="certificate"/> (or none) reads them from the stored XML.</summary>
    private static IReadOnlyCollection<IKey> KeysReadWith(List<XElement> elements, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate)
    {
        var services = new ServiceCollection();
        var builder = services.AddDataProtection().SetApplicationName("NemLogin.Orleans");
        builder.AddKeyManagementOptions(o => o.XmlRepository = new StoredElements(elements));
        if (certificate is not null)
        {
            builder.UnprotectKeysWithAnyCertificate(certificate);
        }

        return services.BuildServiceProvider().GetRequiredService<IKeyManager>().GetAllKeys();
    }

    private sealed class StoredElements(List<XElement> elements) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements() => elements;

        public void StoreElement(XElement element, string friendlyName) => throw new InvalidOperationException("The test reads only.");
    }
}
