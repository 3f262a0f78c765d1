using NemLogin.Saml.Bindings;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Validation;
using Xunit;
using static NemLogin.Saml.Tests.Validation.AuthnRequestFlow;
using TestParties = NemLogin.Saml.Tests.Messages.TestParties;

namespace NemLogin.Saml.Tests.Validation;

public sealed class AuthnRequestValidatorTests
{
    private static readonly DateTimeOffset Now =
        DateTimeOffset.FromUnixTimeMilliseconds(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());

    private static AuthnRequest Request => TestParties.Request(Now);

    private static AuthnRequestValidationContext Context => AuthnRequestFlow.Context(Now);

    [Fact]
    public async Task ValidatePost_SignedRequest_ReturnsRequestAcsAndRelayState()
    {
        var request = Request;

        var valid = await PostAsync(request, Context, relayState: "state-1");

        Assert.Equal(request.Id, valid.Value.Request.Id);
        Assert.Equal(TestParties.AcsUrl, valid.Value.AssertionConsumerServiceUrl);
        Assert.Equal("state-1", valid.Value.RelayState);
    }

    [Fact]
    public async Task ValidateRedirect_SignedQuery_ReturnsRequestAcsAndRelayState()
    {
        var request = Request;

        var valid = await RedirectAsync(AuthnRequestXml.Write(request), Context, relayState: "state-2");

        Assert.Equal(request.Id, valid.Value.Request.Id);
        Assert.Equal(TestParties.AcsUrl, valid.Value.AssertionConsumerServiceUrl);
        Assert.Equal("state-2", valid.Value.RelayState);
    }

    [Fact]
    public void ValidatePost_Unsigned_SignatureMissing()
    {
        // Signature exclusion: OIOSAML requires every AuthnRequest to be signed.
        var received = AuthnRequestXml.Read(AuthnRequestXml.Write(Request), SamlLimits.Default);

        var error = Assert.Throws<SamlException>(() => AuthnRequestValidator.ValidatePost(received, null, Context));

        Assert.Equal(SamlErrorCode.SignatureMissing, error.Code);
    }

    [Fact]
    public async Task ValidatePost_SignedByUnregisteredKey_SignatureKeyUntrusted()
    {
        // Keys come only from the registration: a certificate in KeyInfo adds no trust.
        var error = await Assert.ThrowsAsync<SamlException>(
            () => PostAsync(Request, Context, signer: TestParties.AttackerSigner));

        Assert.Equal(SamlErrorCode.SignatureKeyUntrusted, error.Code);
    }

    [Fact]
    public async Task ValidatePost_ChangedAfterSigning_SignatureInvalid()
    {
        var xml = await AuthnRequestXml.WriteSignedAsync(Request, TestParties.SpSigner, TestContext.Current.CancellationToken);
        var tampered = xml.Replace(TestParties.AcsUrl, TestParties.SecondAcsUrl, StringComparison.Ordinal);

        var error = Assert.Throws<SamlException>(
            () => AuthnRequestValidator.ValidatePost(AuthnRequestXml.Read(tampered, SamlLimits.Default), null, Context));

        Assert.Equal(SamlErrorCode.SignatureInvalid, error.Code);
    }

    [Fact]
    public async Task ValidatePost_RelayStateOver80Bytes_RelayStateTooLong()
    {
        var error = await Assert.ThrowsAsync<SamlException>(() => PostAsync(Request, Context, relayState: new string('r', 81)));

        Assert.Equal(SamlErrorCode.RelayStateTooLong, error.Code);
    }

    [Fact]
    public async Task ValidateRedirect_QuerySignatureStripped_SignatureMissing()
    {
        // SAML Bindings 3.4.4.1: an XML signature inside a redirected request does not count; the query signature is required.
        var signedXml = await AuthnRequestXml.WriteSignedAsync(Request, TestParties.SpSigner, TestContext.Current.CancellationToken);
        var url = await RedirectBinding.BuildUrlAsync(
            TestParties.SsoUrl, "SAMLRequest", signedXml, null, TestParties.SpSigner, TestContext.Current.CancellationToken);
        var query = new Uri(url).Query;
        var stripped = query[..query.IndexOf("&SigAlg=", StringComparison.Ordinal)];
        var message = RedirectBinding.Decode(stripped, SamlLimits.Default);

        var error = Assert.Throws<SamlException>(() => AuthnRequestValidator.ValidateRedirect(
            message, AuthnRequestXml.Read(message.Xml, SamlLimits.Default), Context));

        Assert.Equal(SamlErrorCode.SignatureMissing, error.Code);
    }

    [Fact]
    public async Task ValidateRedirect_SignedByUnregisteredKey_SignatureInvalid()
    {
        var error = await Assert.ThrowsAsync<SamlException>(
            () => RedirectAsync(AuthnRequestXml.Write(Request), Context, signer: TestParties.AttackerSigner));

        Assert.Equal(SamlErrorCode.SignatureInvalid, error.Code);
    }

    [Fact]
    public async Task ValidateRedirect_ReadRequestIsNotTheSignedMessage_SignatureInvalid()
    {
        // The query signature must cover the request that was read, not some other request handed in beside it.
        var url = await RedirectBinding.BuildUrlAsync(
            TestParties.SsoUrl, "SAMLRequest", AuthnRequestXml.Write(Request), null, TestParties.SpSigner,
            TestContext.Current.CancellationToken);
        var message = RedirectBinding.Decode(new Uri(url).Query, SamlLimits.Default);
        var other = AuthnRequestXml.Read(AuthnRequestXml.Write(Request with { ForceAuthn = true }), SamlLimits.Default);

        var error = Assert.Throws<SamlException>(() => AuthnRequestValidator.ValidateRedirect(message, other, Context));

        Assert.Equal(SamlErrorCode.SignatureInvalid, error.Code);
    }

    [Fact]
    public async Task ValidateRedirect_IdMissing_RequestIdMissing()
    {
        var xml = RemoveAttribute(AuthnRequestXml.Write(Request), "ID");

        Assert.Equal(SamlErrorCode.RequestIdMissing, await RedirectErrorAsync(xml, Context));
    }

    [Fact]
    public async Task ValidateRedirect_IssuerMissing_IssuerMissing()
    {
        var xml = AuthnRequestXml.Write(Request)
            .Replace($"<saml:Issuer>{TestParties.SpEntityId}</saml:Issuer>", string.Empty, StringComparison.Ordinal);

        Assert.Equal(SamlErrorCode.IssuerMissing, await RedirectErrorAsync(xml, Context));
    }

    [Fact]
    public async Task ValidateRedirect_IssuerFormatTransient_IssuerFormatInvalid() =>
        Assert.Equal(
            SamlErrorCode.IssuerFormatInvalid,
            await RedirectErrorAsync(Request with { IssuerFormat = SamlConstants.NameIdFormats.Transient }, Context));

    [Fact]
    public async Task ValidateRedirect_IssuerFormatEntity_IsValid()
    {
        var valid = await RedirectAsync(Request with { IssuerFormat = SamlConstants.NameIdFormats.Entity }, Context);

        Assert.Equal(TestParties.SpEntityId, valid.Value.Request.Issuer);
    }

    [Fact]
    public async Task ValidateRedirect_IssuedBeyondClockSkew_IssueInstantInvalid() =>
        Assert.Equal(
            SamlErrorCode.IssueInstantInvalid,
            await RedirectErrorAsync(Request with { IssueInstant = Now.AddMinutes(5).AddSeconds(1) }, Context));

    [Fact]
    public async Task ValidateRedirect_IssuedWithinClockSkew_IsValid()
    {
        var valid = await RedirectAsync(Request with { IssueInstant = Now.AddMinutes(4) }, Context);

        Assert.Equal(Now.AddMinutes(4), valid.Value.Request.IssueInstant);
    }

    [Fact]
    public async Task ValidateRedirect_OlderThanMaxAge_IssueInstantInvalid() =>
        // Replay of a captured old request.
        Assert.Equal(
            SamlErrorCode.IssueInstantInvalid,
            await RedirectErrorAsync(Request with { IssueInstant = Now.AddMinutes(-15).AddSeconds(-1) }, Context));

    [Fact]
    public async Task ValidateRedirect_AcceptanceWindowPassedSinceEarliestUse_IssueInstantInvalid()
    {
        // Replay after the broker has forgotten the ID: the replay window (SamlFrontChannel.ReplayWindow) only has to be as
        // long as this acceptance window. A request dated at the edge of the skew is accepted at once, and refused by its
        // age once the window has passed since then.
        var request = Request with { IssueInstant = Now + MessageAge.DefaultClockSkew };
        var window = MessageAge.AcceptanceWindow(MessageAge.DefaultMaxMessageAge, MessageAge.DefaultClockSkew);

        var first = await RedirectAsync(request, Context);
        var lastSecond = await RedirectAsync(request, AuthnRequestFlow.Context(Now + window));
        var after = await RedirectErrorAsync(request, AuthnRequestFlow.Context(Now + window + TimeSpan.FromSeconds(1)));

        Assert.Equal(request.IssueInstant, first.Value.Request.IssueInstant);
        Assert.Equal(request.IssueInstant, lastSecond.Value.Request.IssueInstant);
        Assert.Equal(SamlErrorCode.IssueInstantInvalid, after);
    }

    [Fact]
    public async Task ValidateRedirect_DestinationMissing_DestinationMismatch() =>
        Assert.Equal(SamlErrorCode.DestinationMismatch, await RedirectErrorAsync(Request with { Destination = null }, Context));

    [Fact]
    public async Task ValidateRedirect_DestinationOtherIdp_DestinationMismatch() =>
        // A request signed for another IdP and forwarded here.
        Assert.Equal(
            SamlErrorCode.DestinationMismatch,
            await RedirectErrorAsync(Request with { Destination = "https://other-idp.test/sso" }, Context));

    [Fact]
    public async Task ValidateRedirect_ProtocolBindingArtifact_RefusedRequesterUnsupportedBinding()
    {
        // SAML Core 3.2.2.2 UnsupportedBinding; OIOSAML 3.0.3 answers over HTTP-POST only. Trusted, so a status, not a page.
        var refused = await RefusedRedirectAsync(
            Request with { ProtocolBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact" }, Context);

        AssertRefused(refused, SamlErrorCode.ProtocolBindingUnsupported, SamlConstants.StatusCodes.Requester, SamlConstants.StatusCodes.UnsupportedBinding);
    }

    [Fact]
    public async Task ValidateRedirect_ProtocolBindingAbsent_IsValid()
    {
        var valid = await RedirectAsync(Request with { ProtocolBinding = null }, Context);

        Assert.Null(valid.Value.Request.ProtocolBinding);
    }

    [Theory]
    [InlineData("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress")]
    [InlineData("urn:oasis:names:tc:SAML:2.0:nameid-format:encrypted")]
    [InlineData(SamlConstants.NameIdFormats.Entity)]
    public async Task ValidateRedirect_NameIdPolicyNotOffered_RefusedRequesterInvalidNameIdPolicy(string format)
    {
        // SAML Core 3.4.1.1: a NameIDPolicy the IdP cannot satisfy is answered InvalidNameIDPolicy.
        var refused = await RefusedRedirectAsync(Request with { NameIdPolicyFormat = format }, Context);

        AssertRefused(refused, SamlErrorCode.NameIdPolicyUnsupported, SamlConstants.StatusCodes.Requester, SamlConstants.StatusCodes.InvalidNameIdPolicy);
        Assert.Equal(TestParties.AcsUrl, refused.AssertionConsumerServiceUrl);
    }

    [Fact]
    public async Task ValidateRedirect_NameIdPolicyNotOfferedAndAcsUnregistered_AcsUrlNotRegistered()
    {
        // The ACS is verified before any status is chosen: a refusal never goes to an unregistered address.
        var request = Request with
        {
            NameIdPolicyFormat = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
            AssertionConsumerServiceUrl = "https://attacker.test/acs",
        };

        Assert.Equal(SamlErrorCode.AcsUrlNotRegistered, await RedirectErrorAsync(request, Context));
    }

    [Theory]
    [InlineData(SamlConstants.NameIdFormats.Transient)]
    [InlineData(SamlConstants.NameIdFormats.Unspecified)]
    [InlineData(null)]
    public async Task ValidateRedirect_NameIdPolicyOffered_IsValid(string? format)
    {
        var valid = await RedirectAsync(Request with { NameIdPolicyFormat = format, AllowCreate = null }, Context);

        Assert.Equal(format, valid.Value.Request.NameIdPolicyFormat);
    }

    [Theory]
    [InlineData("better")]
    [InlineData("maximum")]
    public async Task ValidateRedirect_ComparisonNotMinimum_RefusedNoAuthnContext(string comparison)
    {
        // SAML Core 3.3.2.2.1: a requested context the IdP cannot satisfy is answered NoAuthnContext.
        var refused = await RefusedRedirectAsync(
            Request with { RequestedAuthnContext = new(comparison, [SamlConstants.OioSaml.LoaHigh]) }, Context);

        AssertRefused(refused, SamlErrorCode.AuthnContextUnsupported, SamlConstants.StatusCodes.Responder, SamlConstants.StatusCodes.NoAuthnContext);
    }

    [Fact]
    public async Task ValidateRedirect_UnknownClassRef_RefusedNoAuthnContext()
    {
        var refused = await RefusedRedirectAsync(
            Request with
            {
                RequestedAuthnContext = new("minimum", ["urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"]),
            },
            Context);

        AssertRefused(refused, SamlErrorCode.AuthnContextUnsupported, SamlConstants.StatusCodes.Responder, SamlConstants.StatusCodes.NoAuthnContext);
    }

    [Fact]
    public async Task ValidateRedirect_DeclRefOnly_RefusedNoAuthnContext()
    {
        var xml = AuthnRequestXml.Write(Request)
            .Replace("AuthnContextClassRef>", "AuthnContextDeclRef>", StringComparison.Ordinal);

        var refused = await RefusedRedirectAsync(xml, Context);

        AssertRefused(refused, SamlErrorCode.AuthnContextUnsupported, SamlConstants.StatusCodes.Responder, SamlConstants.StatusCodes.NoAuthnContext);
    }

    [Fact]
    public async Task ValidateRedirect_ProfileNotOffered_RefusedNoAuthnContext()
    {
        // OIOSAML 3.0.3: the attribute profile is requested as a class ref; a broker that does not offer the one asked for
        // (here one offering Person only) must never answer with another profile's assertion.
        var requested = new RequestedAuthnContext("minimum", [SamlConstants.OioSaml.LoaSubstantial, SamlConstants.OioSaml.ProfileProfessional]);
        var personOnly = Context with { OfferedProfiles = new HashSet<string>(StringComparer.Ordinal) { SamlConstants.OioSaml.ProfilePerson } };

        var refused = await RefusedRedirectAsync(Request with { RequestedAuthnContext = requested }, personOnly);

        AssertRefused(refused, SamlErrorCode.AttributeProfileNotOffered, SamlConstants.StatusCodes.Responder, SamlConstants.StatusCodes.NoAuthnContext);
    }

    [Fact]
    public async Task ValidateRedirect_ProfessionalProfileWhenOffered_IsValid()
    {
        var requested = new RequestedAuthnContext("minimum", [SamlConstants.OioSaml.LoaHigh, SamlConstants.OioSaml.ProfileProfessional]);
        var context = Context with
        {
            OfferedProfiles = new HashSet<string>(StringComparer.Ordinal) { SamlConstants.OioSaml.ProfilePerson, SamlConstants.OioSaml.ProfileProfessional },
        };

        var valid = await RedirectAsync(Request with { RequestedAuthnContext = requested }, context);

        Assert.Equal(requested.ClassRefs, valid.Value.Request.RequestedAuthnContext!.ClassRefs);
    }

    [Fact]
    public async Task ValidateRedirect_PersonOrProfessional_IsValid()
    {
        // Comparison "minimum": either listed profile satisfies the request, and Person is offered.
        var requested = new RequestedAuthnContext(
            "minimum", [SamlConstants.OioSaml.LoaSubstantial, SamlConstants.OioSaml.ProfilePerson, SamlConstants.OioSaml.ProfileProfessional]);

        var valid = await RedirectAsync(Request with { RequestedAuthnContext = requested }, Context);

        Assert.Equal(requested.ClassRefs, valid.Value.Request.RequestedAuthnContext!.ClassRefs);
    }

    [Fact]
    public async Task ValidateRedirect_ComparisonOmitted_TreatedAsMinimum()
    {
        var xml = RemoveAttribute(AuthnRequestXml.Write(Request), "Comparison");

        var valid = await RedirectAsync(xml, Context);

        Assert.Equal("minimum", valid.Value.Request.RequestedAuthnContext!.Comparison);
    }

    [Fact]
    public async Task ValidateRedirect_LevelAndPersonProfile_IsValid()
    {
        var requested = new RequestedAuthnContext(
            "minimum", [SamlConstants.OioSaml.LoaHigh, SamlConstants.OioSaml.ProfilePerson]);

        var valid = await RedirectAsync(Request with { RequestedAuthnContext = requested }, Context);

        Assert.Equal(requested.ClassRefs, valid.Value.Request.RequestedAuthnContext!.ClassRefs);
    }

    private static void AssertRefused(RefusedAuthnRequest refused, SamlErrorCode reason, string status, string subStatus)
    {
        Assert.Equal(reason, refused.Reason);
        Assert.Equal(status, refused.StatusCode);
        Assert.Equal(subStatus, refused.SubStatusCode);
    }

    private static string RemoveAttribute(string xml, string name)
    {
        var start = xml.IndexOf($" {name}=\"", StringComparison.Ordinal);
        var end = xml.IndexOf('"', start + name.Length + 3);
        return xml.Remove(start, end - start + 1);
    }
}
