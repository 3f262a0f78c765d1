using NemLogin.Saml.Bindings;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Metadata;
using NemLogin.Saml.Validation;
using Xunit;
using TestParties = NemLogin.Saml.Tests.Messages.TestParties;

namespace NemLogin.Saml.Tests.Validation;

/// <summary>
/// SP-initiated Web SSO end to end with only this library: metadata exchanged both ways, a signed AuthnRequest over
/// HTTP-Redirect or HTTP-POST, the broker's checks, an encrypted response in the SP's chosen algorithms, the SP's checks.
/// </summary>
public sealed class SsoRoundTripTests
{
    private static readonly DateTimeOffset Now =
        DateTimeOffset.FromUnixTimeMilliseconds(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string> Cases => new()
    {
        { "redirect", SamlConstants.Algorithms.Aes256Gcm, SamlConstants.Algorithms.RsaOaep },
        { "redirect", SamlConstants.Algorithms.Aes256Cbc, SamlConstants.Algorithms.RsaOaepMgf1p },
        { "post", SamlConstants.Algorithms.Aes256Gcm, SamlConstants.Algorithms.RsaOaep },
        { "post", SamlConstants.Algorithms.Aes256Cbc, SamlConstants.Algorithms.RsaOaepMgf1p },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Login_SignedRequestThenEncryptedResponse_SpGetsAttributes(string binding, string dataAlgorithm, string keyAlgorithm)
    {
        // The broker registers the SP from its metadata; the SP trusts the broker from the broker's signed metadata.
        var spMetadata = MetadataValidator.ValidateServiceProvider(
            MetadataReader.ReadServiceProvider(SpMetadata(dataAlgorithm, keyAlgorithm), SamlLimits.Default), Now).Value;
        var idpMetadata = MetadataValidator.ValidateIdentityProvider(
            MetadataReader.ReadIdentityProvider(await IdpMetadataAsync(), SamlLimits.Default), Now).Value;

        var request = TestParties.Request(Now) with { AssertionConsumerServiceUrl = null };
        var validated = binding == "redirect"
            ? await ReceiveRedirectAsync(request, idpMetadata, spMetadata)
            : await ReceivePostAsync(request, idpMetadata, spMetadata);

        var responseXml = await RespondAsync(validated.Value, spMetadata);
        var posted = PostBinding.Decode(PostBinding.Encode(responseXml), SamlLimits.Default);

        var assertion = ResponseValidator.Validate(posted, new ResponseValidationContext
        {
            ServiceProviderEntityId = TestParties.SpEntityId,
            AssertionConsumerServiceUrl = TestParties.AcsUrl,
            ExpectedInResponseTo = request.Id,
            IdentityProviderEntityId = idpMetadata.EntityId,
            IdentityProviderSigningCertificates = idpMetadata.SigningCertificates,
            DecryptionCertificates = [TestParties.SpEncryption],
            Now = Now.AddSeconds(2),
        }, SamlLimits.Default).Value;

        Assert.Equal("relay-1", validated.Value.RelayState);
        Assert.Equal(TestParties.NameId, assertion.NameId);
        Assert.Equal([SamlConstants.OioSaml.SpecVersionValue], assertion.Attributes[SamlConstants.Attributes.SpecVersion]);
        Assert.Equal(["Substantial"], assertion.Attributes[SamlConstants.Attributes.Loa]);
        Assert.Contains(dataAlgorithm, responseXml, StringComparison.Ordinal);
        Assert.Contains(keyAlgorithm, responseXml, StringComparison.Ordinal);
    }

    private static string SpMetadata(string dataAlgorithm, string keyAlgorithm) =>
        MetadataWriter.WriteServiceProvider(new ServiceProviderDescriptor
        {
            EntityId = TestParties.SpEntityId,
            SigningCertificate = TestParties.PublicOnly(TestParties.SpSigning),
            EncryptionCertificate = TestParties.PublicOnly(TestParties.SpEncryption),
            EncryptionMethods = [dataAlgorithm, keyAlgorithm],
            AssertionConsumerServices = [new(SamlConstants.Bindings.HttpPost, TestParties.AcsUrl, 0, IsDefault: true)],
            RequestedAttributes = [new(SamlConstants.Attributes.SpecVersion, true), new(SamlConstants.Attributes.Loa, true)],
            ServiceName = "Round trip",
        });

    private static Task<string> IdpMetadataAsync() =>
        MetadataWriter.WriteIdentityProviderAsync(
            new IdentityProviderDescriptor
            {
                EntityId = TestParties.IdpEntityId,
                SigningCertificates = [TestParties.PublicOnly(TestParties.Idp)],
                SingleSignOnServices =
                [
                    new(SamlConstants.Bindings.HttpRedirect, TestParties.SsoUrl, 0, false),
                    new(SamlConstants.Bindings.HttpPost, TestParties.SsoUrl, 1, false),
                ],
                NameIdFormats = [SamlConstants.NameIdFormats.Persistent],
                AttributeNames = [SamlConstants.Attributes.SpecVersion, SamlConstants.Attributes.Loa],
                Now = Now,
            },
            TestParties.IdpSigner,
            Ct);

    private static AuthnRequestValidationContext BrokerContext(IdentityProviderMetadata idp, ServiceProviderMetadata sp) => new()
    {
        IdentityProviderEntityId = idp.EntityId,
        SingleSignOnUrls = [.. idp.SingleSignOnServices.Select(s => s.Location).Distinct()],
        TrustedSigningCertificates = sp.SigningCertificates,
        RegisteredAssertionConsumerServices = sp.AssertionConsumerServices,
        Now = Now.AddSeconds(1),
    };

    private static async Task<Valid<ValidatedAuthnRequest>> ReceiveRedirectAsync(
        AuthnRequest request, IdentityProviderMetadata idp, ServiceProviderMetadata sp)
    {
        var sso = idp.SingleSignOnServices.First(s => s.Binding == SamlConstants.Bindings.HttpRedirect).Location;
        var url = await RedirectBinding.BuildUrlAsync(sso, "SAMLRequest", AuthnRequestXml.Write(request), "relay-1", TestParties.SpSigner, Ct);

        var message = RedirectBinding.Decode(new Uri(url).Query, SamlLimits.Default);
        Assert.Equal(TestParties.SpEntityId, AuthnRequestXml.PeekIssuerUnvalidated(message.Xml, SamlLimits.Default));
        return AuthnRequestFlow.Accepted(AuthnRequestValidator.ValidateRedirect(
            message, AuthnRequestXml.Read(message.Xml, SamlLimits.Default), BrokerContext(idp, sp)));
    }

    private static async Task<Valid<ValidatedAuthnRequest>> ReceivePostAsync(
        AuthnRequest request, IdentityProviderMetadata idp, ServiceProviderMetadata sp)
    {
        var form = PostBinding.Encode(await AuthnRequestXml.WriteSignedAsync(request, TestParties.SpSigner, Ct));

        var xml = PostBinding.Decode(form, SamlLimits.Default);
        Assert.Equal(TestParties.SpEntityId, AuthnRequestXml.PeekIssuerUnvalidated(xml, SamlLimits.Default));
        return AuthnRequestFlow.Accepted(AuthnRequestValidator.ValidatePost(AuthnRequestXml.Read(xml, SamlLimits.Default), "relay-1", BrokerContext(idp, sp)));
    }

    private static Task<string> RespondAsync(ValidatedAuthnRequest validated, ServiceProviderMetadata sp)
    {
        var descriptor = TestParties.Assertion(Now.AddSeconds(1), validated.Request.Id) with
        {
            Audience = validated.Request.Issuer,
            Recipient = validated.AssertionConsumerServiceUrl,
        };
        var target = new EncryptionTarget(sp.EncryptionCertificates[0], sp.EncryptionMethods[0], sp.EncryptionMethods[1]);
        return ResponseXml.WriteSuccessAsync("_response-rt", descriptor, target, TestParties.IdpSigner, signResponse: false, Ct);
    }
}
