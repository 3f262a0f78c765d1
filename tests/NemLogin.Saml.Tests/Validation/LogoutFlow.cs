using NemLogin.Saml.Bindings;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Signing;
using NemLogin.Saml.Tests.Messages;
using NemLogin.Saml.Validation;
using Xunit;

namespace NemLogin.Saml.Tests.Validation;

/// <summary>
/// Sends LogoutRequests and LogoutResponses the way a service provider does and validates them the way the broker does
/// (the sender is the test SP, the receiver the test broker's SLO endpoint).
/// </summary>
internal static class LogoutFlow
{
    public const string SloUrl = "https://broker.test/saml/slo";
    public const string SessionIndex = "_session-1";

    public static LogoutValidationContext Context(DateTimeOffset now) => new()
    {
        ExpectedIssuer = TestParties.SpEntityId,
        Destinations = [SloUrl],
        TrustedSigningCertificates = [TestParties.PublicOnly(TestParties.SpSigning)],
        Now = now,
    };

    public static LogoutRequest Request(DateTimeOffset now) => new()
    {
        IssueInstant = now,
        Destination = SloUrl,
        Issuer = TestParties.SpEntityId,
        Reason = "urn:oasis:names:tc:SAML:2.0:logout:user",
        NameId = TestParties.NameId,
        NameIdFormat = SamlConstants.NameIdFormats.Persistent,
        SessionIndexes = [SessionIndex],
    };

    public static LogoutResponse Response(DateTimeOffset now, string inResponseTo = "_logout-request-1") => new()
    {
        InResponseTo = inResponseTo,
        IssueInstant = now,
        Destination = SloUrl,
        Issuer = TestParties.SpEntityId,
        StatusCode = SamlConstants.StatusCodes.Success,
    };

    /// <summary>HTTP-Redirect: the XML (possibly mutated) in a query signed by <paramref name="signer"/>, decoded as received.</summary>
    public static async Task<RedirectMessage> RedirectAsync(string parameter, string xml, string? relayState = null, ISamlSigner? signer = null)
    {
        var url = await RedirectBinding.BuildUrlAsync(
            SloUrl, parameter, xml, relayState, signer ?? TestParties.SpSigner, TestContext.Current.CancellationToken);
        return RedirectBinding.Decode(new Uri(url).Query, SamlLimits.Default);
    }

    public static async Task<Valid<ValidatedLogoutRequest>> RedirectRequestAsync(
        string xml, LogoutValidationContext context, string? relayState = null, ISamlSigner? signer = null)
    {
        var message = await RedirectAsync("SAMLRequest", xml, relayState, signer);
        return LogoutRequestValidator.ValidateRedirect(message, LogoutRequestXml.Read(message.Xml, SamlLimits.Default), context);
    }

    public static Task<Valid<ValidatedLogoutRequest>> RedirectRequestAsync(LogoutRequest request, LogoutValidationContext context) =>
        RedirectRequestAsync(LogoutRequestXml.Write(request), context);

    public static async Task<Valid<ValidatedLogoutRequest>> PostRequestAsync(
        LogoutRequest request, LogoutValidationContext context, string? relayState = null, ISamlSigner? signer = null)
    {
        var xml = await LogoutRequestXml.WriteSignedAsync(request, signer ?? TestParties.SpSigner, TestContext.Current.CancellationToken);
        return LogoutRequestValidator.ValidatePost(LogoutRequestXml.Read(xml, SamlLimits.Default), relayState, context);
    }

    public static async Task<SamlErrorCode> RedirectRequestErrorAsync(LogoutRequest request, LogoutValidationContext context) =>
        (await Assert.ThrowsAsync<SamlException>(() => RedirectRequestAsync(request, context))).Code;

    public static async Task<Valid<ValidatedLogoutResponse>> RedirectResponseAsync(
        LogoutResponse response, string? expectedInResponseTo, LogoutValidationContext context, ISamlSigner? signer = null)
    {
        var message = await RedirectAsync("SAMLResponse", LogoutResponseXml.Write(response), signer: signer);
        return LogoutResponseValidator.ValidateRedirect(
            message, LogoutResponseXml.Read(message.Xml, SamlLimits.Default), expectedInResponseTo, context);
    }

    public static async Task<Valid<ValidatedLogoutResponse>> PostResponseAsync(
        LogoutResponse response, string? expectedInResponseTo, LogoutValidationContext context, ISamlSigner? signer = null)
    {
        var xml = await LogoutResponseXml.WriteSignedAsync(response, signer ?? TestParties.SpSigner, TestContext.Current.CancellationToken);
        return LogoutResponseValidator.ValidatePost(LogoutResponseXml.Read(xml, SamlLimits.Default), null, expectedInResponseTo, context);
    }

    public static async Task<SamlErrorCode> RedirectResponseErrorAsync(
        LogoutResponse response, string? expectedInResponseTo, LogoutValidationContext context) =>
        (await Assert.ThrowsAsync<SamlException>(() => RedirectResponseAsync(response, expectedInResponseTo, context))).Code;
}
