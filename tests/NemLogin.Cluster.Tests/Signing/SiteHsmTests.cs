using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using NemLogin.Cluster.Tests.Infrastructure;
using NemLogin.Grains;
using NemLogin.Grains.Signing;
using Xunit;

namespace NemLogin.Cluster.Tests.Signing;

/// <summary>
/// An HSM per data centre: DC1's silos sign with DC1's token and DC2's with DC2's (each token made by the silo's own
/// <c>keys</c> verbs). The signer pool lists both sites' keys wherever it is asked, the IdP metadata publishes both, and a
/// signature asked for with either site's key is made by that site's HSM whichever data centre the call entered.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SiteHsmTests(ClusterUnderTest cluster)
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes("<ds:SignedInfo>site hsm</ds:SignedInfo>");

    [Theory]
    [InlineData("DC1", "DC2")]
    [InlineData("DC2", "DC1")]
    public async Task Signature_WithTheOtherSitesKey_MadeByThatSitesHsmAndValid(string enteredAt, string otherSite)
    {
        var signer = cluster.Client(enteredAt).Grains.GetGrain<ISignerGrain>(0);
        var keys = await WaitForBothSitesAsync(() => signer.GetKeysAsync(KeyPurpose.SamlSigning));

        // The site the call entered lists its own current key first: that is the key a gateway there picks.
        Assert.EndsWith(" " + enteredAt, Subject(keys[0]), StringComparison.Ordinal);
        var other = keys.Single(k => k.IsCurrent && Subject(k).EndsWith(" " + otherSite, StringComparison.Ordinal));
        foreach (var key in new[] { keys[0], other })
        {
            var result = await signer.SignWithKeyAsync(KeyPurpose.SamlSigning, key.KeyId, SigningAlgorithm.RsaPkcs1Sha256, Data);

            using var certificate = X509CertificateLoader.LoadCertificate(key.CertificateDer);
            Assert.Equal(key.KeyId, result.KeyId);
            Assert.True(certificate.GetRSAPublicKey()!.VerifyData(Data, result.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        }

        // A key no site holds is still refused, not forwarded in a loop.
        var unknown = await Assert.ThrowsAsync<GrainRuleException>(() =>
            signer.SignWithKeyAsync(KeyPurpose.SamlSigning, new string('0', 64), SigningAlgorithm.RsaPkcs1Sha256, Data));
        Assert.Equal("signing.key-unknown", unknown.Code);
    }

    [Fact]
    public async Task Metadata_ThroughEitherGateway_PublishesBothSitesSigningCertificates()
    {
        var expected = (await WaitForBothSitesAsync(() => cluster.Dc1.Grains.GetGrain<ISignerGrain>(0).GetKeysAsync(KeyPurpose.SamlSigning)))
            .Where(k => k.IsCurrent).Select(k => Convert.ToBase64String(k.CertificateDer)).Order().ToList();
        Assert.Equal(2, expected.Count);

        foreach (var dataCentre in new[] { "DC1", "DC2" })
        {
            // The gateway caches the keys briefly (Signing:KeyCacheDuration); the directory may have filled after its first read.
            var published = await WaitAsync(async () =>
            {
                var certificates = await SigningCertificatesAsync(cluster.Gateway(dataCentre).BaseUrl + "/saml/metadata");
                return (expected.All(certificates.Contains), certificates);
            });
            Assert.Equal(expected, published.Order());
        }
    }

    private static string Subject(SigningKeyInfo key)
    {
        using var certificate = X509CertificateLoader.LoadCertificate(key.CertificateDer);
        return certificate.Subject;
    }

    private static async Task<List<string>> SigningCertificatesAsync(string url)
    {
        using var http = new HttpClient();
        var document = new XmlDocument { XmlResolver = null };
        document.LoadXml(await http.GetStringAsync(url, TestContext.Current.CancellationToken));
        var names = new XmlNamespaceManager(document.NameTable);
        names.AddNamespace("md", "urn:oasis:names:tc:SAML:2.0:metadata");
        names.AddNamespace("ds", "http://www.w3.org/2000/09/xmldsig#");
        return [.. document.SelectNodes("//md:IDPSSODescriptor/md:KeyDescriptor[@use='signing']//ds:X509Certificate", names)!
            .Cast<XmlNode>().Select(n => n.InnerText.Trim())];
    }

    /// <summary>The keys once both sites have published theirs (each silo publishes when it becomes active).</summary>
    private static Task<ImmutableArray<SigningKeyInfo>> WaitForBothSitesAsync(Func<Task<ImmutableArray<SigningKeyInfo>>> read) =>
        WaitAsync(async () =>
        {
            var keys = await read();
            return (keys.Count(k => k.IsCurrent) >= 2, keys);
        });

    private static async Task<T> WaitAsync<T>(Func<Task<(bool Done, T Value)>> attempt)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var (done, value) = await attempt();
            if (done)
            {
                return value;
            }

            Assert.False(limit.IsCancellationRequested, "Waited 60 s for both sites' keys.");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }
}
