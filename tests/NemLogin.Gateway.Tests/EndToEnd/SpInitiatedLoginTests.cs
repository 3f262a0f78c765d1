using NemLogin.Gateway.Tests.Support;
using NemLogin.Saml;
using NemLogin.Saml.Messages;
using A = NemLogin.Saml.SamlConstants.Attributes;
using Xunit;

namespace NemLogin.Gateway.Tests.EndToEnd;

/// <summary>Full SP-initiated logins through the embedded broker: SP → broker → MitID simulator → broker → SP.</summary>
public sealed class SpInitiatedLoginTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Login_SignedRedirectRequest_SpValidatesEncryptedSignedAssertion()
    {
        using var browser = new TestBrowser();
        var request = fixture.SpA.NewRequest(fixture.SsoUrl);

        var outcome = await SamlLoginWalk.RunAsync(browser, await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, request, "state-42"));
        var assertion = fixture.SpA.Validate(outcome.ResponseXml, request.Id, fixture.IdpMetadata).Value;

        Assert.True(outcome.SawLoginPage);
        Assert.Equal("state-42", outcome.RelayState);
        Assert.StartsWith(SamlConstants.OioSaml.PersonNameIdPrefix, assertion.NameId, StringComparison.Ordinal);
        Assert.Equal(SamlConstants.NameIdFormats.Persistent, assertion.NameIdFormat);
        Assert.Equal([SamlConstants.OioSaml.SpecVersionValue], assertion.Attributes[A.SpecVersion]);
        Assert.Equal(["Substantial"], assertion.Attributes[A.Loa]);
        Assert.False(string.IsNullOrWhiteSpace(assertion.Attributes[A.FullName].Single()));
        Assert.Equal([fixture.BaseUrl + "/mitid-sim"], assertion.AuthenticatingAuthorities);
        Assert.False(string.IsNullOrEmpty(assertion.SessionIndex));
    }

    [Fact]
    public async Task Login_SpNotEntitledToCpr_CprNumberWithheld()
    {
        using var browser = new TestBrowser();
        var request = fixture.SpA.NewRequest(fixture.SsoUrl);

        var outcome = await SamlLoginWalk.RunAsync(browser, await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, request));
        var assertion = fixture.SpA.Validate(outcome.ResponseXml, request.Id, fixture.IdpMetadata).Value;

        // SP A requests cprNumber in its metadata, but entitlement is the broker's decision, not the SP's.
        Assert.False(assertion.Attributes.ContainsKey(A.CprNumber));
        Assert.True(assertion.Attributes.ContainsKey(A.DateOfBirth));
    }

    [Fact]
    public async Task Sso_SecondServiceProvider_NoNewLoginAndDistinctPseudonym()
    {
        using var browser = new TestBrowser();
        var first = fixture.SpA.NewRequest(fixture.SsoUrl);
        var a = fixture.SpA.Validate((await SamlLoginWalk.RunAsync(browser, await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, first))).ResponseXml, first.Id, fixture.IdpMetadata).Value;

        var second = fixture.SpB.NewRequest(fixture.SsoUrl);
        var outcome = await SamlLoginWalk.RunAsync(browser, await fixture.SpB.RedirectUrlAsync(fixture.SsoUrl, second));
        // SP B asked for AES-256-CBC + rsa-oaep-mgf1p in its metadata; its validator decrypts that pair.
        var b = fixture.SpB.Validate(outcome.ResponseXml, second.Id, fixture.IdpMetadata).Value;

        Assert.False(outcome.SawLoginPage);
        Assert.NotEqual(a.NameId, b.NameId);
        Assert.Equal(a.AuthnInstant, b.AuthnInstant);
    }

    [Fact]
    public async Task Pseudonym_SameServiceProviderTwice_Stable()
    {
        using var browser = new TestBrowser();
        var first = fixture.SpA.NewRequest(fixture.SsoUrl);
        var a1 = fixture.SpA.Validate((await SamlLoginWalk.RunAsync(browser, await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, first))).ResponseXml, first.Id, fixture.IdpMetadata).Value;

        // A new browser, a new login of the same person: the persistent pseudonym must not change.
        using var other = new TestBrowser();
        var second = fixture.SpA.NewRequest(fixture.SsoUrl);
        var a2 = fixture.SpA.Validate((await SamlLoginWalk.RunAsync(other, await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, second))).ResponseXml, second.Id, fixture.IdpMetadata).Value;

        Assert.Equal(a1.NameId, a2.NameId);
    }

    [Fact]
    public async Task ForceAuthn_WithLiveSession_SendsUserUpstreamAgain()
    {
        using var browser = new TestBrowser();
        var first = fixture.SpA.NewRequest(fixture.SsoUrl);
        await SamlLoginWalk.RunAsync(browser, await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, first));

        var forced = fixture.SpA.NewRequest(fixture.SsoUrl, forceAuthn: true);
        var outcome = await SamlLoginWalk.RunAsync(browser, await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, forced));

        Assert.True(outcome.SawLoginPage);
        fixture.SpA.Validate(outcome.ResponseXml, forced.Id, fixture.IdpMetadata);
    }

    [Fact]
    public async Task IsPassive_WithSession_AnswersWithAssertion()
    {
        using var browser = new TestBrowser();
        var first = fixture.SpA.NewRequest(fixture.SsoUrl);
        await SamlLoginWalk.RunAsync(browser, await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, first));

        var passive = fixture.SpA.NewRequest(fixture.SsoUrl, isPassive: true);
        var outcome = await SamlLoginWalk.RunAsync(browser, await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, passive));

        Assert.False(outcome.SawLoginPage);
        fixture.SpA.Validate(outcome.ResponseXml, passive.Id, fixture.IdpMetadata);
    }

    [Fact]
    public async Task LoaHigh_UserAtHigh_AssertsHigh()
    {
        using var browser = new TestBrowser();
        var request = fixture.SpA.NewRequest(fixture.SsoUrl, SamlConstants.OioSaml.LoaHigh);

        var outcome = await SamlLoginWalk.RunAsync(browser, await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, request), "bent");
        var assertion = fixture.SpA.Validate(outcome.ResponseXml, request.Id, fixture.IdpMetadata).Value;

        Assert.Equal(["High"], assertion.Attributes[A.Loa]);
    }

    [Fact]
    public async Task LoaSubstantial_UserAtHigh_AssertsAchievedHigh()
    {
        using var browser = new TestBrowser();
        var request = fixture.SpA.NewRequest(fixture.SsoUrl);

        var outcome = await SamlLoginWalk.RunAsync(browser, await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, request), "bent");
        var assertion = fixture.SpA.Validate(outcome.ResponseXml, request.Id, fixture.IdpMetadata).Value;

        // OIOSAML 3: an over-achieved level is asserted as achieved.
        Assert.Equal(["High"], assertion.Attributes[A.Loa]);
    }
}
