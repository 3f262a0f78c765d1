using System.Xml;
using NemLogin.Saml.Bindings;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Tests.Support;
using NemLogin.Saml.Validation;
using NemLogin.Saml.Xml;
using Xunit;
using static NemLogin.Saml.Tests.Validation.LogoutFlow;
using TestParties = NemLogin.Saml.Tests.Messages.TestParties;

namespace NemLogin.Saml.Tests.Validation;

public sealed class LogoutRequestValidatorTests
{
    private static readonly DateTimeOffset Now =
        DateTimeOffset.FromUnixTimeMilliseconds(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());

    private static LogoutRequest Request => LogoutFlow.Request(Now);

    private static LogoutValidationContext Context => LogoutFlow.Context(Now);

    [Fact]
    public async Task ValidateRedirect_SignedQuery_ReturnsRequestAndRelayState()
    {
        var request = Request;

        var valid = await RedirectRequestAsync(LogoutRequestXml.Write(request), Context, relayState: "state-1");

        Assert.Equal(request.Id, valid.Value.Request.Id);
        Assert.Equal(TestParties.NameId, valid.Value.Request.NameId);
        Assert.Equal([SessionIndex], valid.Value.Request.SessionIndexes);
        Assert.Equal("state-1", valid.Value.RelayState);
    }

    [Fact]
    public async Task ValidatePost_SignedRequest_ReturnsRequestAndRelayState()
    {
        var valid = await PostRequestAsync(Request, Context, relayState: "state-2");

        Assert.Equal(TestParties.SpEntityId, valid.Value.Request.Issuer);
        Assert.Equal("state-2", valid.Value.RelayState);
    }

    [Fact]
    public void ValidatePost_Unsigned_SignatureMissing()
    {
        // Signature exclusion: OIOSAML requires every LogoutRequest to be signed; an unsigned one could log anyone out.
        var received = LogoutRequestXml.Read(LogoutRequestXml.Write(Request), SamlLimits.Default);

        var error = Assert.Throws<SamlException>(() => LogoutRequestValidator.ValidatePost(received, null, Context));

        Assert.Equal(SamlErrorCode.SignatureMissing, error.Code);
    }

    [Fact]
    public async Task ValidateRedirect_QuerySignatureStripped_SignatureMissing()
    {
        // Signature exclusion over HTTP-Redirect: an XML signature inside does not replace the query signature.
        var signedXml = await LogoutRequestXml.WriteSignedAsync(Request, TestParties.SpSigner, TestContext.Current.CancellationToken);
        var url = await RedirectBinding.BuildUrlAsync(SloUrl, "SAMLRequest", signedXml, null, TestParties.SpSigner, TestContext.Current.CancellationToken);
        var query = new Uri(url).Query;
        var message = RedirectBinding.Decode(query[..query.IndexOf("&SigAlg=", StringComparison.Ordinal)], SamlLimits.Default);

        var error = Assert.Throws<SamlException>(() => LogoutRequestValidator.ValidateRedirect(
            message, LogoutRequestXml.Read(message.Xml, SamlLimits.Default), Context));

        Assert.Equal(SamlErrorCode.SignatureMissing, error.Code);
    }

    [Fact]
    public async Task ValidatePost_SignedByUnregisteredKey_SignatureKeyUntrusted()
    {
        // Keys only from registered metadata: the attacker's certificate in KeyInfo adds no trust.
        var error = await Assert.ThrowsAsync<SamlException>(() => PostRequestAsync(Request, Context, signer: TestParties.AttackerSigner));

        Assert.Equal(SamlErrorCode.SignatureKeyUntrusted, error.Code);
    }

    [Fact]
    public async Task ValidateRedirect_SignedByUnregisteredKey_SignatureInvalid()
    {
        var error = await Assert.ThrowsAsync<SamlException>(
            () => RedirectRequestAsync(LogoutRequestXml.Write(Request), Context, signer: TestParties.AttackerSigner));

        Assert.Equal(SamlErrorCode.SignatureInvalid, error.Code);
    }

    [Fact]
    public async Task ValidatePost_NameIdChangedAfterSigning_SignatureInvalid()
    {
        // Tampering: another person's NameID swapped into a signed request.
        var xml = await LogoutRequestXml.WriteSignedAsync(Request, TestParties.SpSigner, TestContext.Current.CancellationToken);
        var tampered = xml.Replace(TestParties.NameId, TestParties.NameId[..^4] + "ffff", StringComparison.Ordinal);

        var error = Assert.Throws<SamlException>(
            () => LogoutRequestValidator.ValidatePost(LogoutRequestXml.Read(tampered, SamlLimits.Default), null, Context));

        Assert.Equal(SamlErrorCode.SignatureInvalid, error.Code);
    }

    [Fact]
    public void ValidatePost_RsaSha1Signature_SignatureAlgorithmNotAllowed()
    {
        // Weak algorithms: a cryptographically valid SHA-1 signature by the registered key is still refused.
        var document = SafeXml.Load(LogoutRequestXml.Write(Request), SamlLimits.Default);
        new AttackerSignature { SignatureMethod = SamlConstants.Algorithms.RsaSha1 }
            .Sign(document.DocumentElement!, System.Security.Cryptography.X509Certificates.RSACertificateExtensions.GetRSAPrivateKey(TestParties.SpSigning));

        var error = Assert.Throws<SamlException>(
            () => LogoutRequestValidator.ValidatePost(LogoutRequestXml.Read(document.OuterXml, SamlLimits.Default), null, Context));

        Assert.Equal(SamlErrorCode.SignatureAlgorithmNotAllowed, error.Code);
    }

    [Fact]
    public async Task ValidatePost_SignedRequestWrappedUnderForgedRoot_SignatureMissing()
    {
        // Signature wrapping: the genuine signed request rides in Extensions of an unsigned one naming another person.
        var signed = SafeXml.Load(
            await LogoutRequestXml.WriteSignedAsync(Request, TestParties.SpSigner, TestContext.Current.CancellationToken), SamlLimits.Default);
        var forged = SafeXml.Load(LogoutRequestXml.Write(Request with { NameId = "https://data.gov.dk/model/core/eid/person/uuid/victim" }), SamlLimits.Default);
        var extensions = forged.CreateElement("samlp", "Extensions", SamlConstants.Namespaces.Protocol);
        extensions.AppendChild(forged.ImportNode(signed.DocumentElement!, deep: true));
        forged.DocumentElement!.InsertAfter(extensions, SamlXml.Issuer(forged.DocumentElement));

        var error = Assert.Throws<SamlException>(
            () => LogoutRequestValidator.ValidatePost(LogoutRequestXml.Read(forged.OuterXml, SamlLimits.Default), null, Context));

        Assert.Equal(SamlErrorCode.SignatureMissing, error.Code);
    }

    [Fact]
    public async Task ValidatePost_SignatureMovedToForgedRoot_SignatureReferenceInvalid()
    {
        // Signature wrapping: the genuine signature hoisted onto a forged root still points at the genuine request's ID.
        var signed = SafeXml.Load(
            await LogoutRequestXml.WriteSignedAsync(Request, TestParties.SpSigner, TestContext.Current.CancellationToken), SamlLimits.Default);
        var forged = SafeXml.Load(LogoutRequestXml.Write(Request with { NameId = "https://data.gov.dk/model/core/eid/person/uuid/victim" }), SamlLimits.Default);
        var genuine = (XmlElement)forged.ImportNode(signed.DocumentElement!, deep: true);
        var signature = SamlXml.Signature(genuine);
        genuine.RemoveChild(signature);
        var extensions = forged.CreateElement("samlp", "Extensions", SamlConstants.Namespaces.Protocol);
        extensions.AppendChild(genuine);
        var issuer = SamlXml.Issuer(forged.DocumentElement!);
        forged.DocumentElement!.InsertAfter(extensions, issuer);
        forged.DocumentElement.InsertAfter(signature, issuer);

        var error = Assert.Throws<SamlException>(
            () => LogoutRequestValidator.ValidatePost(LogoutRequestXml.Read(forged.OuterXml, SamlLimits.Default), null, Context));

        Assert.Equal(SamlErrorCode.SignatureReferenceInvalid, error.Code);
    }

    [Fact]
    public async Task ValidateRedirect_SignedResponseQueryPresentedAsRequest_SignatureInvalid()
    {
        // Message confusion: a query signed over SAMLResponse must not validate a LogoutRequest read from it.
        var message = await RedirectAsync("SAMLResponse", LogoutRequestXml.Write(Request));

        var error = Assert.Throws<SamlException>(() => LogoutRequestValidator.ValidateRedirect(
            message, LogoutRequestXml.Read(message.Xml, SamlLimits.Default), Context));

        Assert.Equal(SamlErrorCode.SignatureInvalid, error.Code);
    }

    [Fact]
    public async Task ValidateRedirect_IssuerOfAnotherServiceProvider_IssuerMismatch() =>
        // Issuer spoofing: signed with this SP's key but claiming another SP's identity.
        Assert.Equal(SamlErrorCode.IssuerMismatch, await RedirectRequestErrorAsync(Request with { Issuer = "https://other-sp.test/saml" }, Context));

    [Fact]
    public async Task ValidateRedirect_IssuerMissing_IssuerMissing()
    {
        var xml = LogoutRequestXml.Write(Request)
            .Replace($"<saml:Issuer>{TestParties.SpEntityId}</saml:Issuer>", string.Empty, StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<SamlException>(() => RedirectRequestAsync(xml, Context));

        Assert.Equal(SamlErrorCode.IssuerMissing, error.Code);
    }

    [Fact]
    public async Task ValidateRedirect_IssuerFormatTransient_IssuerFormatInvalid() =>
        Assert.Equal(
            SamlErrorCode.IssuerFormatInvalid,
            await RedirectRequestErrorAsync(Request with { IssuerFormat = SamlConstants.NameIdFormats.Transient }, Context));

    [Fact]
    public async Task ValidateRedirect_IdMissing_RequestIdMissing()
    {
        var xml = LogoutRequestXml.Write(Request);
        var withoutId = System.Text.RegularExpressions.Regex.Replace(xml, " ID=\"[^\"]*\"", string.Empty);

        var error = await Assert.ThrowsAsync<SamlException>(() => RedirectRequestAsync(withoutId, Context));

        Assert.Equal(SamlErrorCode.RequestIdMissing, error.Code);
    }

    [Fact]
    public async Task ValidateRedirect_DestinationOtherEndpoint_DestinationMismatch() =>
        // A request signed for another IdP's SLO endpoint and forwarded here.
        Assert.Equal(
            SamlErrorCode.DestinationMismatch,
            await RedirectRequestErrorAsync(Request with { Destination = "https://other-idp.test/slo" }, Context));

    [Fact]
    public async Task ValidateRedirect_DestinationMissing_DestinationMismatch() =>
        Assert.Equal(SamlErrorCode.DestinationMismatch, await RedirectRequestErrorAsync(Request with { Destination = null }, Context));

    [Fact]
    public async Task ValidateRedirect_IssuedBeyondClockSkew_IssueInstantInvalid() =>
        Assert.Equal(
            SamlErrorCode.IssueInstantInvalid,
            await RedirectRequestErrorAsync(Request with { IssueInstant = Now.AddMinutes(5).AddSeconds(1) }, Context));

    [Fact]
    public async Task ValidateRedirect_OlderThanMaxAge_IssueInstantInvalid() =>
        // Replay of a captured old request after its replay record may have expired.
        Assert.Equal(
            SamlErrorCode.IssueInstantInvalid,
            await RedirectRequestErrorAsync(Request with { IssueInstant = Now.AddMinutes(-15).AddSeconds(-1) }, Context));

    [Fact]
    public async Task ValidateRedirect_PastNotOnOrAfter_RequestExpired() =>
        Assert.Equal(
            SamlErrorCode.RequestExpired,
            await RedirectRequestErrorAsync(Request with { NotOnOrAfter = Now.AddMinutes(-5).AddSeconds(-1) }, Context));

    [Fact]
    public async Task ValidateRedirect_NotOnOrAfterWithinClockSkew_IsValid()
    {
        var valid = await RedirectRequestAsync(Request with { NotOnOrAfter = Now.AddMinutes(-4) }, Context);

        Assert.Equal(Now.AddMinutes(-4), valid.Value.Request.NotOnOrAfter);
    }

    [Fact]
    public async Task ValidateRedirect_EmptyNameId_SubjectNameIdMissing() =>
        Assert.Equal(SamlErrorCode.SubjectNameIdMissing, await RedirectRequestErrorAsync(Request with { NameId = " " }, Context));

    [Fact]
    public async Task ValidatePost_RelayStateOver80Bytes_RelayStateTooLong()
    {
        var error = await Assert.ThrowsAsync<SamlException>(() => PostRequestAsync(Request, Context, relayState: new string('r', 81)));

        Assert.Equal(SamlErrorCode.RelayStateTooLong, error.Code);
    }

    [Fact]
    public async Task ValidateRedirect_RegisteredCertificateExpired_SignatureCertificateExpired()
    {
        var context = Context with { Now = Now.AddYears(2), MaxMessageAge = TimeSpan.FromDays(1000) };

        var error = await Assert.ThrowsAsync<SamlException>(() => RedirectRequestAsync(Request with { IssueInstant = Now.AddYears(2) }, context));

        Assert.Equal(SamlErrorCode.SignatureCertificateExpired, error.Code);
    }
}
