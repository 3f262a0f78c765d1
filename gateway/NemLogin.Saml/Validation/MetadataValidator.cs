using System.Security.Cryptography.X509Certificates;
using NemLogin.Saml.Metadata;
using NemLogin.Saml.Signatures;

namespace NemLogin.Saml.Validation;

/// <summary>
/// Profile rules on metadata that was read (OIOSAML 3 metadata, SAML Metadata 2.3–2.4): what the broker needs before it
/// registers a service provider or trusts an identity provider.
/// </summary>
public static class MetadataValidator
{
    /// <summary>A service provider's metadata, before it is registered.</summary>
    /// <param name="metadata">What <see cref="MetadataReader.ReadServiceProvider"/> read.</param>
    /// <param name="now">The current time, for validUntil and certificate expiry.</param>
    /// <param name="allowHttpLoopback">Accept http:// endpoints on localhost (the embedded demo only).</param>
    /// <param name="keyPolicy">The minimum key sizes; <see cref="SignaturePolicy.Default"/> when null.</param>
    public static Valid<ServiceProviderMetadata> ValidateServiceProvider(
        ServiceProviderMetadata metadata, DateTimeOffset now, bool allowHttpLoopback = false, SignaturePolicy? keyPolicy = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var policy = keyPolicy ?? SignaturePolicy.Default;
        ValidateValidUntil(metadata.ValidUntil, now);
        ValidateCertificates(metadata.SigningCertificates, "signing", now);
        ValidateCertificates(metadata.EncryptionCertificates, "encryption", now);
        ValidateSigningKeys(metadata.SigningCertificates, policy);
        ValidateEncryptionKeys(metadata.EncryptionCertificates, policy);
        ValidateAssertionConsumerServices(metadata.AssertionConsumerServices);
        ValidateEndpointsSecure(metadata.AssertionConsumerServices.Concat(metadata.SingleLogoutServices), allowHttpLoopback);
        ValidateRequestedAttributes(metadata.RequestedAttributes);
        return new Valid<ServiceProviderMetadata>(metadata);
    }

    /// <summary>An identity provider's metadata, before it is trusted.</summary>
    /// <param name="metadata">What <see cref="MetadataReader.ReadIdentityProvider"/> read.</param>
    /// <param name="now">The current time, for validUntil and certificate expiry.</param>
    /// <param name="allowHttpLoopback">Accept http:// endpoints on localhost (tests and the embedded demo only).</param>
    /// <param name="keyPolicy">The minimum key sizes; <see cref="SignaturePolicy.Default"/> when null.</param>
    public static Valid<IdentityProviderMetadata> ValidateIdentityProvider(
        IdentityProviderMetadata metadata, DateTimeOffset now, bool allowHttpLoopback = false, SignaturePolicy? keyPolicy = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ValidateValidUntil(metadata.ValidUntil, now);
        ValidateCertificates(metadata.SigningCertificates, "signing", now);
        ValidateSigningKeys(metadata.SigningCertificates, keyPolicy ?? SignaturePolicy.Default);
        ValidateSingleSignOnServices(metadata.SingleSignOnServices);
        ValidateEndpointsSecure(metadata.SingleSignOnServices.Concat(metadata.SingleLogoutServices), allowHttpLoopback);
        return new Valid<IdentityProviderMetadata>(metadata);
    }

    // SAML Metadata 2.3.2: after validUntil the document must not be used.
    private static void ValidateValidUntil(DateTimeOffset? validUntil, DateTimeOffset now)
    {
        if (validUntil is { } until && until <= now)
        {
            throw new SamlException(SamlErrorCode.MetadataExpired, "The metadata's validUntil has passed.");
        }
    }

    // OIOSAML 3: signed requests and encrypted assertions need certificates; an expired one is refused rather than
    // silently ignored, so the operator sees it. A not-yet-valid one is allowed: that is the rollover successor.
    private static void ValidateCertificates(IReadOnlyList<X509Certificate2> certificates, string use, DateTimeOffset now)
    {
        if (certificates.Count == 0)
        {
            throw new SamlException(SamlErrorCode.MetadataCertificateMissing, $"The metadata has no {use} certificate.");
        }

        if (certificates.Any(c => new DateTimeOffset(c.NotAfter.ToUniversalTime()) < now))
        {
            throw new SamlException(SamlErrorCode.MetadataCertificateExpired, $"A {use} certificate has expired.");
        }
    }

    // OIOSAML 3 Cryptography; NIST SP 800-131A: signing keys are RSA of at least 2048 bits or EC of at least P-256. A weak
    // key is refused at registration, where the operator can act, rather than only when the first request fails.
    private static void ValidateSigningKeys(IReadOnlyList<X509Certificate2> certificates, SignaturePolicy policy)
    {
        foreach (var certificate in certificates)
        {
            if (KeyStrength.RsaBits(certificate) is null && KeyStrength.EcBits(certificate) is null)
            {
                throw new SamlException(SamlErrorCode.MetadataKeyUnsupported, "A signing certificate's key is neither RSA nor EC.");
            }

            if (!KeyStrength.IsSufficientForSignatures(certificate, policy))
            {
                throw new SamlException(
                    SamlErrorCode.MetadataKeyTooSmall,
                    $"A signing key is below the minimum (RSA {policy.MinimumRsaKeyBits} bits, EC {policy.MinimumEcKeyBits} bits).");
            }
        }
    }

    // XML Encryption 1.1, 5.5: the broker transports content keys with RSA-OAEP, so an SP needs an RSA encryption key of at
    // least the minimum size; a key without use (SAML Metadata 2.4.1.1) may be EC for signing and is then not an encryption key.
    private static void ValidateEncryptionKeys(IReadOnlyList<X509Certificate2> certificates, SignaturePolicy policy)
    {
        var rsa = certificates.Where(c => KeyStrength.RsaBits(c) is not null).ToList();
        if (rsa.Count == 0)
        {
            throw new SamlException(SamlErrorCode.MetadataKeyUnsupported, "The metadata has no RSA encryption certificate.");
        }

        if (rsa.Any(c => !KeyStrength.IsSufficientForEncryption(c, policy)))
        {
            throw new SamlException(
                SamlErrorCode.MetadataKeyTooSmall, $"An encryption key is below the minimum of RSA {policy.MinimumRsaKeyBits} bits.");
        }
    }

    // OIOSAML 3: responses go by HTTP-POST to a registered ACS (SAML Profiles 4.1.6).
    private static void ValidateAssertionConsumerServices(IReadOnlyList<EndpointInfo> services)
    {
        if (!services.Any(s => s.Binding == SamlConstants.Bindings.HttpPost))
        {
            throw new SamlException(SamlErrorCode.MetadataAcsMissing, "The metadata has no HTTP-POST AssertionConsumerService.");
        }
    }

    // SAML Profiles 4.1.6: an IdP publishes at least one SingleSignOnService.
    private static void ValidateSingleSignOnServices(IReadOnlyList<EndpointInfo> services)
    {
        if (services.Count == 0)
        {
            throw new SamlException(SamlErrorCode.MetadataInvalid, "The metadata has no SingleSignOnService.");
        }
    }

    // Bearer assertions and session messages travel only over TLS (SAML Bindings 3.4.5.2 / 3.5.5.2 security considerations).
    private static void ValidateEndpointsSecure(IEnumerable<EndpointInfo> endpoints, bool allowHttpLoopback)
    {
        foreach (var location in endpoints.SelectMany(e => new[] { e.Location, e.ResponseLocation }).OfType<string>())
        {
            var secure = Uri.TryCreate(location, UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttps || (allowHttpLoopback && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
            if (!secure)
            {
                throw new SamlException(SamlErrorCode.MetadataEndpointInsecure, $"Endpoint {location} is not an https URL.");
            }
        }
    }

    // OIOSAML 3 attribute profile: a service provider may only request attributes the broker knows.
    private static void ValidateRequestedAttributes(IReadOnlyList<RequestedAttributeInfo> requested)
    {
        var unknown = requested.FirstOrDefault(r => !SamlConstants.Attributes.Known.Contains(r.Name));
        if (unknown is not null)
        {
            throw new SamlException(SamlErrorCode.MetadataAttributeUnknown, $"Attribute {unknown.Name} is not offered.");
        }
    }
}
