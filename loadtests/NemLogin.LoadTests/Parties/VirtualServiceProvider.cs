using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NemLogin.Saml;
using NemLogin.Saml.Bindings;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Metadata;
using NemLogin.Saml.Signing;
using NemLogin.Saml.Validation;

namespace NemLogin.LoadTests.Parties;

/// <summary>
/// A service provider the runner plays: its own RSA-2048 key for signing requests and decrypting assertions,
/// registered with the broker through its metadata like any real SP. Its ACS URL is never called: the runner takes the
/// response from the broker's auto-post form and validates it as the SP would.
/// </summary>
public sealed class VirtualServiceProvider
{
    private readonly RsaSamlSigner _signer;

    public VirtualServiceProvider(string name, string entityId, string acsUrl, X509Certificate2 certificate)
    {
        Name = name;
        EntityId = entityId;
        AcsUrl = acsUrl;
        Certificate = certificate;
        _signer = new RsaSamlSigner(certificate);
    }

    public string Name { get; }

    public string EntityId { get; }

    public string AcsUrl { get; }

    /// <summary>Where the broker sends this SP's LogoutResponses (HTTP-Redirect); like the ACS, never actually called.</summary>
    public string SloUrl => AcsUrl[..AcsUrl.LastIndexOf('/')] + "/slo";

    public X509Certificate2 Certificate { get; }

    public static VirtualServiceProvider Create(string name, string baseUrl)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=NemLogin load test SP {name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(2));
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
        return new VirtualServiceProvider(name, $"{baseUrl}/{name}/saml", $"{baseUrl}/{name}/saml/acs", certificate);
    }

    /// <summary>
    /// An SP with a new entityID under <paramref name="baseUrl"/> that reuses <paramref name="certificate"/>: churn
    /// registers many SPs, and a fresh RSA key each time would measure key generation, not the broker.
    /// </summary>
    public static VirtualServiceProvider WithSharedKey(string name, string baseUrl, X509Certificate2 certificate) =>
        new(name, $"{baseUrl}/{name}/saml", $"{baseUrl}/{name}/saml/acs", certificate);

    public string Metadata() => MetadataWriter.WriteServiceProvider(new ServiceProviderDescriptor
    {
        EntityId = EntityId,
        SigningCertificate = Certificate,
        EncryptionCertificate = Certificate,
        AssertionConsumerServices = [new EndpointInfo(SamlConstants.Bindings.HttpPost, AcsUrl, 0, true)],
        SingleLogoutServices = [new EndpointInfo(SamlConstants.Bindings.HttpRedirect, SloUrl, 0, false)],
        RequestedAttributes =
        [
            new RequestedAttributeInfo(SamlConstants.Attributes.SpecVersion, true),
            new RequestedAttributeInfo(SamlConstants.Attributes.Loa, true),
            new RequestedAttributeInfo(SamlConstants.Attributes.FullName, false),
            new RequestedAttributeInfo(SamlConstants.Attributes.DateOfBirth, false),
        ],
        ServiceName = "NemLogin load test " + Name,
    });

    /// <summary>
    /// A signed HTTP-Redirect URL carrying a fresh AuthnRequest (OIOSAML 3: always signed), and its ID. The requested
    /// context is NSIS Substantial unless <paramref name="classRefs"/> says otherwise (e.g. the level and the Professional profile).
    /// </summary>
    public async Task<(string Url, string RequestId)> SignedRequestUrlAsync(BrokerIdentityProvider idp, CancellationToken cancellationToken, IReadOnlyList<string>? classRefs = null)
    {
        ArgumentNullException.ThrowIfNull(idp);
        var request = new AuthnRequest
        {
            Id = "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            IssueInstant = DateTimeOffset.UtcNow,
            Destination = idp.SingleSignOnUrl,
            Issuer = EntityId,
            AssertionConsumerServiceUrl = AcsUrl,
            ProtocolBinding = SamlConstants.Bindings.HttpPost,
            NameIdPolicyFormat = SamlConstants.NameIdFormats.Persistent,
            RequestedAuthnContext = new RequestedAuthnContext("minimum", classRefs ?? [SamlConstants.OioSaml.LoaSubstantial]),
        };
        var url = await RedirectBinding.BuildUrlAsync(idp.SingleSignOnUrl, "SAMLRequest", AuthnRequestXml.Write(request), null, _signer, cancellationToken);
        return (url, request.Id);
    }

    /// <summary>A signed HTTP-Redirect URL carrying a LogoutRequest for the session this SP's assertion named, and its ID.</summary>
    public async Task<(string Url, string RequestId)> SignedLogoutUrlAsync(BrokerIdentityProvider idp, SamlAssertion assertion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(idp);
        ArgumentNullException.ThrowIfNull(assertion);
        var sloUrl = idp.SingleLogoutUrl ?? throw new InvalidOperationException("The broker's metadata lists no HTTP-Redirect SingleLogoutService.");
        var request = new LogoutRequest
        {
            IssueInstant = DateTimeOffset.UtcNow,
            Destination = sloUrl,
            Issuer = EntityId,
            NameId = assertion.NameId,
            NameIdFormat = assertion.NameIdFormat,
            SessionIndexes = assertion.SessionIndex is { } index ? [index] : [],
            Reason = "urn:oasis:names:tc:SAML:2.0:logout:user",
        };
        var url = await RedirectBinding.BuildUrlAsync(sloUrl, "SAMLRequest", LogoutRequestXml.Write(request), null, _signer, cancellationToken);
        return (url, request.Id);
    }

    /// <summary>Validates the broker's LogoutResponse as received at this SP's SLO URL (query signature, Issuer, Destination, InResponseTo).</summary>
    public Valid<ValidatedLogoutResponse> ValidateLogoutResponse(Uri received, string requestId, BrokerIdentityProvider idp)
    {
        ArgumentNullException.ThrowIfNull(received);
        ArgumentNullException.ThrowIfNull(idp);
        var message = RedirectBinding.Decode(received.Query, SamlLimits.Default);
        return LogoutResponseValidator.ValidateRedirect(message, LogoutResponseXml.Read(message.Xml, SamlLimits.Default), requestId, new LogoutValidationContext
        {
            ExpectedIssuer = idp.EntityId,
            Destinations = [SloUrl],
            TrustedSigningCertificates = idp.SigningCertificates,
            Now = DateTimeOffset.UtcNow,
        });
    }

    /// <summary>Decrypts and validates a Response as the SP would (signature, audience, recipient, InResponseTo, lifetime).</summary>
    public Valid<SamlAssertion> Validate(string responseXml, string requestId, BrokerIdentityProvider idp)
    {
        ArgumentNullException.ThrowIfNull(idp);
        return ResponseValidator.Validate(responseXml, new ResponseValidationContext
        {
            ServiceProviderEntityId = EntityId,
            AssertionConsumerServiceUrl = AcsUrl,
            ExpectedInResponseTo = requestId,
            IdentityProviderEntityId = idp.EntityId,
            IdentityProviderSigningCertificates = idp.SigningCertificates,
            DecryptionCertificates = [Certificate],
            Now = DateTimeOffset.UtcNow,
        }, SamlLimits.Default);
    }
}
