using NemLogin.Grains.Errors;
namespace NemLogin.Grains.ServiceProviders;

/// <summary>The rules a registration must meet before the broker will send assertions to the SP.</summary>
internal static class ServiceProviderRules
{
    public const string HttpPostBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";

    public static void Validate(string grainKey, ServiceProviderRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);

        // The grain is the single writer for one entityID; storing another SP's metadata under it would let
        // one SP's certificates and endpoints answer for another.
        if (!string.Equals(registration.EntityId, grainKey, StringComparison.Ordinal))
        {
            throw new GrainRuleException(BrokerErrors.Name(BrokerError.SpEntityIdMismatch), "The registration's entityID differs from the grain key.");
        }

        // OIOSAML 3: every AuthnRequest and LogoutRequest is signed, so the SP must have a key to check them with.
        if (registration.SigningCertificates.IsDefaultOrEmpty)
        {
            throw new GrainRuleException(BrokerErrors.Name(BrokerError.SpNoSigningCertificate), "The registration has no signing certificate.");
        }

        // OIOSAML 3: assertions are always encrypted for the SP.
        if (registration.EncryptionCertificates.IsDefaultOrEmpty)
        {
            throw new GrainRuleException(BrokerErrors.Name(BrokerError.SpNoEncryptionCertificate), "The registration has no encryption certificate.");
        }

        // OIOSAML 3: responses are delivered with the HTTP-POST binding only.
        if (registration.AssertionConsumerServices.IsDefaultOrEmpty
            || !registration.AssertionConsumerServices.Any(acs => string.Equals(acs.Binding, HttpPostBinding, StringComparison.Ordinal)))
        {
            throw new GrainRuleException(BrokerErrors.Name(BrokerError.SpNoPostAcs), "The registration has no HTTP-POST assertion consumer service.");
        }
    }
}
