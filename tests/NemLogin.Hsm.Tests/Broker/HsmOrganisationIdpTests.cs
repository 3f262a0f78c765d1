using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using NemLogin.Demo.DemoOrganisationIdp;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Grains.Signing;
using NemLogin.Grains.Signing.Pkcs11;
using NemLogin.Saml;
using NemLogin.Saml.Bindings;
using NemLogin.Saml.Metadata;

namespace NemLogin.Hsm.Tests.Broker;

/// <summary>
/// An organisation IdP's encrypted assertion decrypted in the HSM: the embedded broker with Signing:Provider=Pkcs11, a
/// saml-encryption key made by the key commands, and the demo organisation IdP, which encrypts to the key the broker's SP
/// metadata publishes. The content key is recovered by SoftHSM2 (C_Decrypt, RSA-OAEP) and the employee arrives at the demo SP.
/// </summary>
public sealed class HsmOrganisationIdpTests : IAsyncLifetime
{
    private const string DemoCvr = "98765433";

    private readonly HsmBroker _broker = new(
        keys =>
        {
            keys.Generate(KeyPurpose.SamlSigning, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);
            keys.Generate(KeyPurpose.SamlEncryption, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);
        },
        new Dictionary<string, string?> { ["Demo:OrganisationIdp"] = "true" });

    public async ValueTask InitializeAsync() =>
        await _broker.Broker.Services.GetRequiredService<DemoOrganisationIdpRegistrar>().Registered.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

    [Fact]
    public async Task DemoOrganisationIdpLogin_AssertionEncryptedToTheTokenKey_EmployeeArrivesAtTheDemoSp()
    {
        var tokenKey = new Pkcs11KeyAdministration(_broker.Token, TimeProvider.System).List().Single(k => k.Purpose == KeyPurpose.SamlEncryption);
        using var http = _broker.CreateClient();
        var metadata = MetadataReader.ReadServiceProvider(await http.GetStringAsync("/upstream/org/metadata", TestContext.Current.CancellationToken), SamlLimits.Default);
        Assert.Equal(tokenKey.KeyId, Convert.ToHexStringLower(SHA256.HashData(Assert.Single(metadata.EncryptionCertificates).RawData)));
        using var browser = new TestBrowser();

        var choice = await browser.GetAsync(_broker.BaseUrl + "/demo-sp/login?profile=professional");
        var idpPage = await browser.SubmitAsync(choice, new Dictionary<string, string> { ["organisation"] = DemoOrganisationIdp.EmployeeEmail }, "choice", "organisation");
        var toBroker = await browser.SubmitAsync(idpPage, new Dictionary<string, string> { ["email"] = DemoOrganisationIdp.EmployeeEmail });
        var posted = PostBinding.Decode(toBroker.Form().Fields["SAMLResponse"], SamlLimits.Default);
        var toSp = await browser.SubmitAsync(toBroker);
        var shown = await browser.SubmitAsync(toSp);

        Assert.Contains("EncryptedAssertion", posted, StringComparison.Ordinal);
        Assert.DoesNotContain(DemoOrganisationIdp.EmployeeNameId, posted, StringComparison.Ordinal);
        Assert.Equal(_broker.BaseUrl + "/demo-sp/acs", toSp.Form().Action);
        Assert.Equal(_broker.BaseUrl + "/demo-sp/", shown.Url.ToString());
        Assert.DoesNotContain("demo-error", shown.Html, StringComparison.Ordinal);
        Assert.Contains(SamlConstants.OioSaml.ProfessionalNameIdPrefix, shown.Html, StringComparison.Ordinal);
        Assert.Contains(">" + DemoCvr + "<", shown.Html, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync() => await _broker.DisposeAsync();
}
