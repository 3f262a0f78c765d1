using System.Net;
using System.Text.RegularExpressions;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Saml;
using Xunit;

namespace NemLogin.Gateway.Tests.EndToEnd;

/// <summary>ServiceProviders:MetadataDirectory: every valid file is registered at start-up; a defective one is not, and does not stop the others.</summary>
public sealed class MetadataDirectoryTests
{
    [Fact]
    public async Task MetadataDirectory_DefectiveFileBesideGoodOne_OnlyGoodOneRegistered()
    {
        var directory = Directory.CreateTempSubdirectory("nemlogin-sp-dir-").FullName;
        try
        {
            var good = new TestServiceProvider("https://good.test/saml", "https://good.test/acs");
            good.WriteMetadataTo(directory);
            var defective = new TestServiceProvider("https://defective.test/saml", "https://defective.test/acs");
            // No AssertionConsumerService: the broker could never answer this SP.
            var withoutAcs = Regex.Replace(defective.Metadata(), "<md:AssertionConsumerService[^>]*/>", string.Empty);
            Assert.DoesNotContain("AssertionConsumerService", withoutAcs, StringComparison.Ordinal);
            await File.WriteAllTextAsync(Path.Combine(directory, "defective.xml"), withoutAcs, TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(directory, "garbage.xml"), "<not-metadata", TestContext.Current.CancellationToken);
            // Weak keys: an RSA-1024 key is refused at registration (MetadataKeyTooSmall), so its requests find no SP.
            var weak = new TestServiceProvider("https://weak.test/saml", "https://weak.test/acs", keyBits: 1024);
            weak.WriteMetadataTo(directory);

            await using var broker = new BrokerFactory(new Dictionary<string, string?> { ["ServiceProviders:MetadataDirectory"] = directory });
            var sso = broker.BaseUrl + "/saml/sso";
            using var browser = new TestBrowser();

            var goodPage = await browser.GetAsync(await good.RedirectUrlAsync(sso, good.NewRequest(sso)));
            var defectivePage = await browser.GetAsync(await defective.RedirectUrlAsync(sso, defective.NewRequest(sso)));
            var weakPage = await browser.GetAsync(await weak.RedirectUrlAsync(sso, weak.NewRequest(sso)));

            Assert.Equal(HttpStatusCode.OK, goodPage.Status);
            Assert.Contains("name=\"username\"", goodPage.Html, StringComparison.Ordinal);
            Assert.Equal($"saml.{(int)SamlErrorCode.IssuerUnknown}.{SamlErrorCode.IssuerUnknown}", defectivePage.ErrorCode);
            Assert.Equal($"saml.{(int)SamlErrorCode.IssuerUnknown}.{SamlErrorCode.IssuerUnknown}", weakPage.ErrorCode);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
