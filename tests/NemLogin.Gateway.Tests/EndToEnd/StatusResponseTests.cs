using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using NemLogin.Gateway.Sessions;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Grains.ServiceProviders;
using NemLogin.Grains.Sessions;
using NemLogin.Saml;
using Orleans;
using Xunit;
using Status = NemLogin.Saml.SamlConstants.StatusCodes;

namespace NemLogin.Gateway.Tests.EndToEnd;

/// <summary>
/// Once a request is trusted (signature verified with the SP's registered key, ACS taken from its registration), every
/// refusal SAML has a status for goes back to that ACS as a signed Response, never as an error page, and leaves no
/// session or assertion behind.
/// </summary>
public sealed class StatusResponseTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private const string EmailAddressFormat = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

    [Fact]
    public async Task NameIdPolicy_EmailAddress_RequesterInvalidNameIdPolicy()
    {
        // SAML Core 3.4.1.1: a NameIDPolicy Format the IdP cannot satisfy is answered InvalidNameIDPolicy.
        using var browser = new TestBrowser();
        var request = fixture.SpA.NewRequest(fixture.SsoUrl) with { NameIdPolicyFormat = EmailAddressFormat };

        var outcome = await SamlLoginWalk.RunAsync(browser, await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, request, "state-nameid"));

        Assert.False(outcome.SawLoginPage);
        StatusResponse.AssertSigned(outcome, fixture.SpA, request.Id, fixture.IdpMetadata, Status.Requester, Status.InvalidNameIdPolicy, "state-nameid");
        await StatusResponse.AssertNoSessionAsync(fixture.Broker, browser);
    }

    [Theory]
    [InlineData(SamlConstants.NameIdFormats.Unspecified)]
    [InlineData(null)]
    public async Task NameIdPolicy_UnspecifiedOrAbsent_PersistentNameId(string? format)
    {
        // OIOSAML 3.0.3: persistent is the default identifier; SAML Core 3.4.1.1 leaves unspecified to the IdP.
        using var browser = new TestBrowser();
        var request = fixture.SpA.NewRequest(fixture.SsoUrl) with { NameIdPolicyFormat = format };

        var outcome = await SamlLoginWalk.RunAsync(browser, await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, request));
        var assertion = fixture.SpA.Validate(outcome.ResponseXml, request.Id, fixture.IdpMetadata).Value;

        Assert.Equal(SamlConstants.NameIdFormats.Persistent, assertion.NameIdFormat);
        Assert.StartsWith(SamlConstants.OioSaml.PersonNameIdPrefix, assertion.NameId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Profile_ProfessionalRequestedDuringCitizenSession_NoAuthnContextNotSso()
    {
        // A live citizen session must not turn a professional request into single sign-on with a citizen assertion; alice
        // has no business identity, so she is told so without another login.
        using var browser = new TestBrowser();
        var citizen = fixture.SpA.NewRequest(fixture.SsoUrl);
        fixture.SpA.Validate((await SamlLoginWalk.RunAsync(browser, await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, citizen))).ResponseXml, citizen.Id, fixture.IdpMetadata);
        var request = fixture.SpB.NewRequest(fixture.SsoUrl, SamlConstants.OioSaml.ProfileProfessional);

        var outcome = await SamlLoginWalk.RunAsync(browser, await fixture.SpB.RedirectUrlAsync(fixture.SsoUrl, request));

        Assert.False(outcome.SawLoginPage);
        StatusResponse.AssertSigned(outcome, fixture.SpB, request.Id, fixture.IdpMetadata, Status.Responder, Status.NoAuthnContext);
    }

    [Fact]
    public async Task AuthnContext_UnknownClassRef_ResponderNoAuthnContext()
    {
        // SAML Core 3.3.2.2.1: a requested context the IdP cannot satisfy is answered NoAuthnContext.
        using var browser = new TestBrowser();
        var request = fixture.SpA.NewRequest(fixture.SsoUrl, "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport");

        var outcome = await SamlLoginWalk.RunAsync(browser, await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, request));

        Assert.False(outcome.SawLoginPage);
        StatusResponse.AssertSigned(outcome, fixture.SpA, request.Id, fixture.IdpMetadata, Status.Responder, Status.NoAuthnContext);
        await StatusResponse.AssertNoSessionAsync(fixture.Broker, browser);
    }

    [Fact]
    public async Task AuthnContext_ComparisonMaximum_ResponderNoAuthnContext()
    {
        using var browser = new TestBrowser();
        var request = fixture.SpA.NewRequest(fixture.SsoUrl) with { RequestedAuthnContext = new("maximum", [SamlConstants.OioSaml.LoaLow]) };

        var outcome = await SamlLoginWalk.RunAsync(browser, await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, request));

        StatusResponse.AssertSigned(outcome, fixture.SpA, request.Id, fixture.IdpMetadata, Status.Responder, Status.NoAuthnContext);
        await StatusResponse.AssertNoSessionAsync(fixture.Broker, browser);
    }

    [Fact]
    public async Task ProtocolBinding_Artifact_RequesterUnsupportedBinding()
    {
        // SAML Core 3.2.2.2 UnsupportedBinding; OIOSAML 3.0.3 delivers responses with HTTP-POST only.
        using var browser = new TestBrowser();
        var request = fixture.SpA.NewRequest(fixture.SsoUrl) with { ProtocolBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact" };

        var outcome = await SamlLoginWalk.RunAsync(browser, await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, request));

        StatusResponse.AssertSigned(outcome, fixture.SpA, request.Id, fixture.IdpMetadata, Status.Requester, Status.UnsupportedBinding);
        await StatusResponse.AssertNoSessionAsync(fixture.Broker, browser);
    }

    [Fact]
    public async Task Loa_HigherThanThePersonReaches_ResponderNoAuthnContext()
    {
        // OIOSAML 3: a level the person's authentication does not reach is answered NoAuthnContext; no session is kept.
        using var browser = new TestBrowser();
        var request = fixture.SpA.NewRequest(fixture.SsoUrl, SamlConstants.OioSaml.LoaHigh);

        var outcome = await SamlLoginWalk.RunAsync(browser, await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, request, "state-loa"), "alice");

        Assert.True(outcome.SawLoginPage);
        StatusResponse.AssertSigned(outcome, fixture.SpA, request.Id, fixture.IdpMetadata, Status.Responder, Status.NoAuthnContext, "state-loa");
        await StatusResponse.AssertNoSessionAsync(fixture.Broker, browser);
    }

    [Fact]
    public async Task IsPassive_NoSession_ResponderNoPassive()
    {
        // SAML Core 3.4.1: IsPassive forbids taking over the user interface; without a session the answer is NoPassive.
        using var browser = new TestBrowser();
        var request = fixture.SpA.NewRequest(fixture.SsoUrl, isPassive: true);

        var outcome = await SamlLoginWalk.RunAsync(browser, await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, request));

        Assert.False(outcome.SawLoginPage);
        StatusResponse.AssertSigned(outcome, fixture.SpA, request.Id, fixture.IdpMetadata, Status.Responder, Status.NoPassive);
        await StatusResponse.AssertNoSessionAsync(fixture.Broker, browser);
    }

    [Fact]
    public async Task Upstream_Cancelled_ResponderAuthnFailed()
    {
        using var browser = new TestBrowser();
        var request = fixture.SpA.NewRequest(fixture.SsoUrl);
        var login = await browser.GetAsync(await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, request, "state-cancel"));
        Assert.Contains("name=\"username\"", login.Html, StringComparison.Ordinal);

        var page = await browser.SubmitAsync(login, submitName: "action", submitValue: "cancel");
        var outcome = new SamlLoginWalk.Outcome(
            NemLogin.Saml.Bindings.PostBinding.Decode(page.Form().Fields["SAMLResponse"], SamlLimits.Default),
            page.Form().Fields.GetValueOrDefault("RelayState"), true, page);

        StatusResponse.AssertSigned(outcome, fixture.SpA, request.Id, fixture.IdpMetadata, Status.Responder, Status.AuthnFailed, "state-cancel");
        await StatusResponse.AssertNoSessionAsync(fixture.Broker, browser);
    }

    [Fact]
    public async Task Upstream_AnswersWithError_ResponderAuthnFailed()
    {
        // RFC 6749 4.1.2.1: the upstream refuses the authorization (here server_error). The SAML request was trusted and
        // the flow is this browser's, so the SP hears AuthnFailed rather than the person being stranded at the broker.
        using var browser = new TestBrowser();
        var request = fixture.SpA.NewRequest(fixture.SsoUrl);
        var login = await browser.GetAsync(await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, request));
        var state = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(login.Url.Query)["state"].ToString();
        Assert.NotEmpty(state);

        var page = await browser.GetAsync(
            $"{fixture.BaseUrl}/upstream/mitid/callback?error=server_error&state={Uri.EscapeDataString(state)}&iss={Uri.EscapeDataString(fixture.BaseUrl + "/mitid-sim")}");
        var outcome = new SamlLoginWalk.Outcome(
            NemLogin.Saml.Bindings.PostBinding.Decode(page.Form().Fields["SAMLResponse"], SamlLimits.Default), null, true, page);

        StatusResponse.AssertSigned(outcome, fixture.SpA, request.Id, fixture.IdpMetadata, Status.Responder, Status.AuthnFailed);
        await StatusResponse.AssertNoSessionAsync(fixture.Broker, browser);
    }

    [Fact]
    public async Task Encryption_RegisteredKeyBelowMinimum_ResponderStatusAndNoParticipant()
    {
        // Weak keys: a registration stored before the minimum was enforced (written to its grain, past the metadata checks)
        // holds an RSA-1024 encryption key. Nothing is encrypted for it; the SP hears Responder at its ACS instead of the
        // person getting a server error, and the session does not list the SP as a participant.
        var sp = new TestServiceProvider("https://weak-encryption.test/saml", "https://weak-encryption.test/acs");
        using var weakKey = RSA.Create(1024);
        using var weak = new CertificateRequest("CN=weak encryption", weakKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var grains = fixture.Broker.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IServiceProviderGrain>(sp.EntityId).RegisterAsync(new ServiceProviderRegistration
        {
            EntityId = sp.EntityId,
            SigningCertificates = [sp.Certificate.RawData],
            EncryptionCertificates = [weak.RawData],
            AssertionConsumerServices = [new SamlEndpoint(SamlConstants.Bindings.HttpPost, sp.AcsUrl, 0, true)],
            AllowedAttributes = [SamlConstants.Attributes.SpecVersion, SamlConstants.Attributes.Loa],
        });
        using var browser = new TestBrowser();
        var request = sp.NewRequest(fixture.SsoUrl);

        var outcome = await SamlLoginWalk.RunAsync(browser, await sp.RedirectUrlAsync(fixture.SsoUrl, request));

        StatusResponse.AssertSigned(outcome, sp, request.Id, fixture.IdpMetadata, Status.Responder, null);
        var token = browser.Cookies.GetAllCookies().Single(c => c.Name == "nemlogin.sid").Value;
        Assert.True(fixture.Broker.Services.GetRequiredService<IssuedIds>().TryRead(IssuedIdPurpose.Session, token, out var sessionId));
        var session = await grains.GetGrain<ISessionGrain>(sessionId).GetAsync();
        Assert.NotNull(session);
        Assert.DoesNotContain(session.Participants, p => p.ServiceProviderId == sp.EntityId);
    }
}
