using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Grains.ServiceProviders;
using NemLogin.Saml;
using Orleans;
using Xunit;

namespace NemLogin.Gateway.Tests.EndToEnd;

/// <summary>
/// Requests the broker must refuse with an error page (never a post to an unverified address), leaving no session behind.
/// </summary>
public sealed class RequestRefusalTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task AcsUrl_NotRegistered_ErrorPageNoPost()
    {
        // Attack class: response redirection to an attacker's ACS (docs/security.md, ACS URLs only from registration).
        using var browser = new TestBrowser();
        var request = fixture.SpA.NewRequest(fixture.SsoUrl, acsUrl: "https://attacker.test/acs");

        var page = await browser.GetAsync(await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, request));

        AssertRefused(browser, page, SamlErrorCode.AcsUrlNotRegistered);
    }

    [Fact]
    public async Task AcsUrl_NotRegisteredWithUnsatisfiableNameIdPolicy_ErrorPageNoStatusPost()
    {
        // A status Response goes only to a verified ACS: a refusable request naming an attacker's ACS is an error page.
        using var browser = new TestBrowser();
        var request = fixture.SpA.NewRequest(fixture.SsoUrl, acsUrl: "https://attacker.test/acs") with
        {
            NameIdPolicyFormat = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
        };

        var page = await browser.GetAsync(await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, request));

        AssertRefused(browser, page, SamlErrorCode.AcsUrlNotRegistered);
    }

    [Fact]
    public async Task StatusRefusal_Replayed_ErrorPageSecondTime()
    {
        // Replay: a request answered with a status is used up like any other; its second use is an error page.
        var request = fixture.SpA.NewRequest(fixture.SsoUrl) with { NameIdPolicyFormat = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress" };
        var url = await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, request);
        using (var first = new TestBrowser())
        {
            var page = await first.GetAsync(url);
            Assert.Contains("name=\"SAMLResponse\"", page.Html, StringComparison.Ordinal);
        }

        using var second = new TestBrowser();
        var replay = await second.GetAsync(url);

        AssertRefused(second, replay, SamlErrorCode.RequestReplayed);
    }

    [Fact]
    public async Task Issuer_NotRegistered_ErrorPage()
    {
        using var browser = new TestBrowser();
        var stranger = new TestServiceProvider("https://stranger.test/saml", "https://stranger.test/acs");
        var request = stranger.NewRequest(fixture.SsoUrl);

        var page = await browser.GetAsync(await stranger.RedirectUrlAsync(fixture.SsoUrl, request));

        AssertRefused(browser, page, SamlErrorCode.IssuerUnknown);
    }

    [Fact]
    public async Task Signature_Missing_Refused()
    {
        // Attack class: signature exclusion (an unsigned request from an SP that registered a signing key).
        using var browser = new TestBrowser();
        var url = await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, fixture.SpA.NewRequest(fixture.SsoUrl));
        var unsigned = url[..url.IndexOf("&SigAlg=", StringComparison.Ordinal)];

        var page = await browser.GetAsync(unsigned);

        AssertRefused(browser, page, SamlErrorCode.SignatureMissing);
    }

    [Fact]
    public async Task Signature_ByUnregisteredKey_Refused()
    {
        // Attack class: keys only from registered metadata (an impostor signs as SP A with its own key).
        using var browser = new TestBrowser();
        var impostor = new TestServiceProvider(fixture.SpA.EntityId, fixture.SpA.AcsUrl);
        var page = await browser.GetAsync(await impostor.RedirectUrlAsync(fixture.SsoUrl, impostor.NewRequest(fixture.SsoUrl)));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains(page.ErrorCode, new[] { $"saml.{(int)SamlErrorCode.SignatureInvalid}.{SamlErrorCode.SignatureInvalid}", $"saml.{(int)SamlErrorCode.SignatureKeyUntrusted}.{SamlErrorCode.SignatureKeyUntrusted}" });
        AssertNoSession(browser);
    }

    [Fact]
    public async Task Signature_ByRegisteredRsa1024Key_RefusedSignatureKeyTooSmall()
    {
        // Weak keys: a registration stored before the minimum was enforced (written to its grain here, past the metadata
        // checks) holds an RSA-1024 key; a signature by it proves nothing, so the request is refused at verification.
        var weak = new TestServiceProvider("https://weak-registered.test/saml", "https://weak-registered.test/acs", keyBits: 1024);
        await fixture.Broker.Services.GetRequiredService<IGrainFactory>().GetGrain<IServiceProviderGrain>(weak.EntityId).RegisterAsync(new ServiceProviderRegistration
        {
            EntityId = weak.EntityId,
            SigningCertificates = [weak.Certificate.RawData],
            EncryptionCertificates = [weak.Certificate.RawData],
            AssertionConsumerServices = [new SamlEndpoint(SamlConstants.Bindings.HttpPost, weak.AcsUrl, 0, true)],
            AllowedAttributes = [SamlConstants.Attributes.SpecVersion, SamlConstants.Attributes.Loa],
        });
        using var browser = new TestBrowser();

        var page = await browser.GetAsync(await weak.RedirectUrlAsync(fixture.SsoUrl, weak.NewRequest(fixture.SsoUrl)));

        AssertRefused(browser, page, SamlErrorCode.SignatureKeyTooSmall);
    }

    [Fact]
    public async Task Request_Replayed_RefusedSecondTime()
    {
        // Attack class: replay of a captured, validly signed request.
        var url = await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, fixture.SpA.NewRequest(fixture.SsoUrl));
        using (var first = new TestBrowser())
        {
            var page = await first.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Null(page.ErrorCode);
        }

        using var second = new TestBrowser();
        var replay = await second.GetAsync(url);

        AssertRefused(second, replay, SamlErrorCode.RequestReplayed);
    }

    [Fact]
    public async Task RelayState_Over80Bytes_Refused()
    {
        using var browser = new TestBrowser();
        // A conforming SP library refuses to send this, so the attacker edits the query; the cap applies before any signature check.
        var url = await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, fixture.SpA.NewRequest(fixture.SsoUrl), "short");

        var page = await browser.GetAsync(url.Replace("RelayState=short", "RelayState=" + new string('r', 81), StringComparison.Ordinal));

        AssertRefused(browser, page, SamlErrorCode.RelayStateTooLong);
    }

    [Fact]
    public async Task Request_Tampered_Refused()
    {
        // The query signature covers the exact octets: changing RelayState after signing breaks it.
        using var browser = new TestBrowser();
        var url = await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, fixture.SpA.NewRequest(fixture.SsoUrl), "original");

        var page = await browser.GetAsync(url.Replace("RelayState=original", "RelayState=evil", StringComparison.Ordinal));

        AssertRefused(browser, page, SamlErrorCode.SignatureInvalid);
    }

    [Fact]
    public async Task Request_Missing_Refused()
    {
        using var browser = new TestBrowser();

        var page = await browser.GetAsync(fixture.SsoUrl);

        AssertRefused(browser, page, SamlErrorCode.MessageMissing);
    }

    private static void AssertRefused(TestBrowser browser, TestBrowser.Page page, SamlErrorCode code)
    {
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal($"saml.{(int)code}.{code}", page.ErrorCode);
        Assert.DoesNotContain("name=\"SAMLResponse\"", page.Html, StringComparison.Ordinal);
        AssertNoSession(browser);
    }

    private static void AssertNoSession(TestBrowser browser) =>
        Assert.DoesNotContain(browser.Cookies.GetAllCookies(), c => c.Name == "nemlogin.sid");
}
