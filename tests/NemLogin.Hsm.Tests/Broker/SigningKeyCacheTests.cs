using System.Net;
using System.Xml;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NemLogin.Grains.Signing;
using NemLogin.Grains.Signing.Pkcs11;
using Net.Pkcs11Interop.Common;
using Orleans.TestingHost;

namespace NemLogin.Hsm.Tests.Broker;

/// <summary>
/// The gateway caches the published signing keys (<c>Signing:KeyCacheDuration</c>) and signs with the cached current
/// key. When the pool refuses that key as unavailable (here a device error; in a cluster, the site whose HSM holds the
/// key lost), the gateway forgets the cache, so once signing works again the next message is signed with the key the pool
/// now names current instead of the cached one for the rest of the cache's lifetime (fault class "a lost site").
/// </summary>
public sealed class SigningKeyCacheTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly HsmBroker _broker;

    public SigningKeyCacheTests()
    {
        _broker = new HsmBroker(
            prepareKeys: keys =>
            {
                keys.Generate(KeyPurpose.SamlSigning, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);
                keys.Generate(KeyPurpose.SamlSigning, KeyRole.Next, HsmKeyAlgorithm.Rsa2048);
            },
            extraSettings: new Dictionary<string, string?>
            {
                ["Signing:KeyCacheDuration"] = "00:10:00",
                ["Signing:Pkcs11:KeyRefreshInterval"] = "00:00:00",
                ["Signing:Pkcs11:RecoveryInterval"] = "00:01:00",
            },
            withSeam: true,
            services: services =>
            {
                services.AddSingleton<TimeProvider>(_time);
                services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            });
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task KeyRefusedAsUnavailable_CacheForgotten_NextMessageSignedWithThePoolsCurrentKey()
    {
        using var http = _broker.CreateClient();
        var before = await SignerOfMetadataAsync(http);
        // The next key becomes current in the token; the old one stays usable (overlap), so a gateway that kept its cache
        // would go on signing with it for ten minutes.
        new Pkcs11KeyAdministration(_broker.Token, TimeProvider.System).Promote(KeyPurpose.SamlSigning);

        // Past the metadata's own reuse (5 min), within the key cache (10 min): the next metadata is signed afresh.
        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        _broker.Seam!.FailNextSigns(CKR.CKR_DEVICE_ERROR);
        var refused = await http.GetAsync("saml/metadata", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("signing.hsm-unavailable", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromMinutes(1));
        var after = await SignerOfMetadataAsync(http);

        var current = (await _broker.Grains.GetGrain<ISignerGrain>(0).GetKeysAsync(KeyPurpose.SamlSigning)).Single(k => k.IsCurrent);
        Assert.NotEqual(before, after);
        Assert.Equal(Convert.ToBase64String(current.CertificateDer), after);
    }

    public async ValueTask DisposeAsync() => await _broker.DisposeAsync();

    /// <summary>The certificate the metadata's own signature names (base64), i.e. the key the gateway signed it with.</summary>
    private static async Task<string> SignerOfMetadataAsync(HttpClient http)
    {
        var response = await http.GetAsync("saml/metadata", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = new XmlDocument { XmlResolver = null };
        document.LoadXml(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var names = new XmlNamespaceManager(document.NameTable);
        names.AddNamespace("md", "urn:oasis:names:tc:SAML:2.0:metadata");
        names.AddNamespace("ds", "http://www.w3.org/2000/09/xmldsig#");
        var certificate = document.SelectSingleNode("/md:EntityDescriptor/ds:Signature/ds:KeyInfo/ds:X509Data/ds:X509Certificate", names);
        Assert.NotNull(certificate);
        return string.Concat(certificate.InnerText.Where(c => !char.IsWhiteSpace(c)));
    }
}
