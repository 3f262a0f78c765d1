using NemLogin.Saml.Bindings;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Signing;
using NemLogin.Saml.Tests.Messages;
using NemLogin.Saml.Validation;
using Xunit;

namespace NemLogin.Saml.Tests.Validation;

/// <summary>Sends an AuthnRequest the way a service provider does and validates it the way the broker does.</summary>
internal static class AuthnRequestFlow
{
    public static AuthnRequestValidationContext Context(DateTimeOffset now) => new()
    {
        IdentityProviderEntityId = TestParties.IdpEntityId,
        SingleSignOnUrls = [TestParties.SsoUrl],
        TrustedSigningCertificates = [TestParties.PublicOnly(TestParties.SpSigning)],
        RegisteredAssertionConsumerServices = TestParties.RegisteredAcs,
        Now = now,
    };

    /// <summary>HTTP-Redirect: any request XML (possibly mutated), signed in the query by <paramref name="signer"/>.</summary>
    public static async Task<Valid<ValidatedAuthnRequest>> RedirectAsync(
        string xml, AuthnRequestValidationContext context, string? relayState = null, ISamlSigner? signer = null)
    {
        var url = await RedirectBinding.BuildUrlAsync(
            TestParties.SsoUrl, "SAMLRequest", xml, relayState, signer ?? TestParties.SpSigner, TestContext.Current.CancellationToken);
        var message = RedirectBinding.Decode(new Uri(url).Query, SamlLimits.Default);
        return Accepted(AuthnRequestValidator.ValidateRedirect(message, AuthnRequestXml.Read(message.Xml, SamlLimits.Default), context));
    }

    public static Task<Valid<ValidatedAuthnRequest>> RedirectAsync(AuthnRequest request, AuthnRequestValidationContext context) =>
        RedirectAsync(AuthnRequestXml.Write(request), context);

    /// <summary>HTTP-POST: the request enveloped-signed by <paramref name="signer"/>.</summary>
    public static async Task<Valid<ValidatedAuthnRequest>> PostAsync(
        AuthnRequest request, AuthnRequestValidationContext context, string? relayState = null, ISamlSigner? signer = null)
    {
        var xml = await AuthnRequestXml.WriteSignedAsync(
            request, signer ?? TestParties.SpSigner, TestContext.Current.CancellationToken);
        return Accepted(AuthnRequestValidator.ValidatePost(AuthnRequestXml.Read(xml, SamlLimits.Default), relayState, context));
    }

    /// <summary>HTTP-Redirect, expecting a trusted request refused with a status: the refusal.</summary>
    public static async Task<RefusedAuthnRequest> RefusedRedirectAsync(string xml, AuthnRequestValidationContext context)
    {
        var url = await RedirectBinding.BuildUrlAsync(
            TestParties.SsoUrl, "SAMLRequest", xml, null, TestParties.SpSigner, TestContext.Current.CancellationToken);
        var message = RedirectBinding.Decode(new Uri(url).Query, SamlLimits.Default);
        var verdict = AuthnRequestValidator.ValidateRedirect(message, AuthnRequestXml.Read(message.Xml, SamlLimits.Default), context);
        return verdict.Match(
            accepted => throw new Xunit.Sdk.XunitException($"Expected a refusal, the request {accepted.Value.Request.Id} was accepted."),
            refused => refused.Value);
    }

    public static Task<RefusedAuthnRequest> RefusedRedirectAsync(AuthnRequest request, AuthnRequestValidationContext context) =>
        RefusedRedirectAsync(AuthnRequestXml.Write(request), context);

    /// <summary>The accepted request of a verdict; a refusal fails the test with its reason.</summary>
    public static Valid<ValidatedAuthnRequest> Accepted(AuthnRequestVerdict verdict) => verdict.Match(
        accepted => accepted,
        refused => throw new Xunit.Sdk.XunitException($"Expected acceptance, refused with {refused.Value.Reason}: {refused.Value.StatusMessage}"));

    public static async Task<SamlErrorCode> RedirectErrorAsync(string xml, AuthnRequestValidationContext context) =>
        (await Assert.ThrowsAsync<SamlException>(() => RedirectAsync(xml, context))).Code;

    public static async Task<SamlErrorCode> RedirectErrorAsync(AuthnRequest request, AuthnRequestValidationContext context) =>
        (await Assert.ThrowsAsync<SamlException>(() => RedirectAsync(request, context))).Code;
}
