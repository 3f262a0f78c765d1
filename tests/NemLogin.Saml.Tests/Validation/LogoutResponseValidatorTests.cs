using NemLogin.Saml.Bindings;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Validation;
using Xunit;
using static NemLogin.Saml.Tests.Validation.LogoutFlow;
using TestParties = NemLogin.Saml.Tests.Messages.TestParties;

namespace NemLogin.Saml.Tests.Validation;

public sealed class LogoutResponseValidatorTests
{
    private const string RequestId = "_logout-request-1";

    private static readonly DateTimeOffset Now =
        DateTimeOffset.FromUnixTimeMilliseconds(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());

    private static LogoutResponse Response => LogoutFlow.Response(Now, RequestId);

    private static LogoutValidationContext Context => LogoutFlow.Context(Now);

    [Fact]
    public async Task ValidateRedirect_Success_ReturnsResponse()
    {
        var valid = await RedirectResponseAsync(Response, RequestId, Context);

        Assert.Equal(RequestId, valid.Value.Response.InResponseTo);
        Assert.True(valid.Value.Response.IsCompleteLogout);
    }

    [Fact]
    public async Task ValidatePost_PartialLogout_ReportedNotRefused()
    {
        // A failed or partial logout is a valid answer: the validator reports it and the caller decides.
        var valid = await PostResponseAsync(
            Response with { SubStatusCode = SamlConstants.StatusCodes.PartialLogout }, expectedInResponseTo: null, Context);

        Assert.True(valid.Value.Response.IsSuccess);
        Assert.False(valid.Value.Response.IsCompleteLogout);
    }

    [Fact]
    public async Task ValidateRedirect_RequesterStatus_ReportedNotRefused()
    {
        var valid = await RedirectResponseAsync(Response with { StatusCode = SamlConstants.StatusCodes.Requester }, RequestId, Context);

        Assert.False(valid.Value.Response.IsSuccess);
    }

    [Fact]
    public void ValidatePost_Unsigned_SignatureMissing()
    {
        // Signature exclusion: an unsigned LogoutResponse could report a logout that never happened.
        var received = LogoutResponseXml.Read(LogoutResponseXml.Write(Response), SamlLimits.Default);

        var error = Assert.Throws<SamlException>(() => LogoutResponseValidator.ValidatePost(received, null, RequestId, Context));

        Assert.Equal(SamlErrorCode.SignatureMissing, error.Code);
    }

    [Fact]
    public async Task ValidateRedirect_QuerySignatureStripped_SignatureMissing()
    {
        var url = await RedirectBinding.BuildUrlAsync(
            SloUrl, "SAMLResponse", LogoutResponseXml.Write(Response), null, TestParties.SpSigner, TestContext.Current.CancellationToken);
        var query = new Uri(url).Query;
        var message = RedirectBinding.Decode(query[..query.IndexOf("&SigAlg=", StringComparison.Ordinal)], SamlLimits.Default);

        var error = Assert.Throws<SamlException>(() => LogoutResponseValidator.ValidateRedirect(
            message, LogoutResponseXml.Read(message.Xml, SamlLimits.Default), RequestId, Context));

        Assert.Equal(SamlErrorCode.SignatureMissing, error.Code);
    }

    [Fact]
    public async Task ValidatePost_SignedByUnregisteredKey_SignatureKeyUntrusted()
    {
        // Keys only from registered metadata.
        var error = await Assert.ThrowsAsync<SamlException>(
            () => PostResponseAsync(Response, RequestId, Context, signer: TestParties.AttackerSigner));

        Assert.Equal(SamlErrorCode.SignatureKeyUntrusted, error.Code);
    }

    [Fact]
    public async Task ValidatePost_StatusChangedAfterSigning_SignatureInvalid()
    {
        var xml = await LogoutResponseXml.WriteSignedAsync(
            Response with { StatusCode = SamlConstants.StatusCodes.Responder }, TestParties.SpSigner, TestContext.Current.CancellationToken);
        var tampered = xml.Replace(SamlConstants.StatusCodes.Responder, SamlConstants.StatusCodes.Success, StringComparison.Ordinal);

        var error = Assert.Throws<SamlException>(
            () => LogoutResponseValidator.ValidatePost(LogoutResponseXml.Read(tampered, SamlLimits.Default), null, RequestId, Context));

        Assert.Equal(SamlErrorCode.SignatureInvalid, error.Code);
    }

    [Fact]
    public async Task ValidateRedirect_SignedRequestQueryPresentedAsResponse_SignatureInvalid()
    {
        var message = await RedirectAsync("SAMLRequest", LogoutResponseXml.Write(Response));

        var error = Assert.Throws<SamlException>(() => LogoutResponseValidator.ValidateRedirect(
            message, LogoutResponseXml.Read(message.Xml, SamlLimits.Default), RequestId, Context));

        Assert.Equal(SamlErrorCode.SignatureInvalid, error.Code);
    }

    [Fact]
    public async Task ValidateRedirect_InResponseToMissing_InResponseToMismatch() =>
        // An unsolicited LogoutResponse answers nothing the receiver asked.
        Assert.Equal(
            SamlErrorCode.InResponseToMismatch,
            await RedirectResponseErrorAsync(Response with { InResponseTo = null }, expectedInResponseTo: null, Context));

    [Fact]
    public async Task ValidateRedirect_InResponseToOtherRequest_InResponseToMismatch() =>
        Assert.Equal(
            SamlErrorCode.InResponseToMismatch,
            await RedirectResponseErrorAsync(Response with { InResponseTo = "_other" }, RequestId, Context));

    [Fact]
    public async Task ValidateRedirect_IssuerOfAnotherServiceProvider_IssuerMismatch() =>
        Assert.Equal(
            SamlErrorCode.IssuerMismatch,
            await RedirectResponseErrorAsync(Response with { Issuer = "https://other-sp.test/saml" }, RequestId, Context));

    [Fact]
    public async Task ValidateRedirect_DestinationOtherEndpoint_DestinationMismatch() =>
        Assert.Equal(
            SamlErrorCode.DestinationMismatch,
            await RedirectResponseErrorAsync(Response with { Destination = "https://other-idp.test/slo" }, RequestId, Context));

    [Fact]
    public async Task ValidateRedirect_OlderThanMaxAge_IssueInstantInvalid() =>
        Assert.Equal(
            SamlErrorCode.IssueInstantInvalid,
            await RedirectResponseErrorAsync(Response with { IssueInstant = Now.AddMinutes(-16) }, RequestId, Context));

    [Fact]
    public async Task ValidatePost_RelayStateOver80Bytes_RelayStateTooLong()
    {
        var xml = await LogoutResponseXml.WriteSignedAsync(Response, TestParties.SpSigner, TestContext.Current.CancellationToken);

        var error = Assert.Throws<SamlException>(() => LogoutResponseValidator.ValidatePost(
            LogoutResponseXml.Read(xml, SamlLimits.Default), new string('r', 81), RequestId, Context));

        Assert.Equal(SamlErrorCode.RelayStateTooLong, error.Code);
    }
}
