using System.Collections.Immutable;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.ServiceProviders;

namespace NemLogin.Grains.Tests.Support;

internal static class Registrations
{
    public const string PostBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
    public const string RedirectBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

    /// <summary>A registration that meets every rule. The grain does not parse certificates, so opaque bytes do.</summary>
    public static ServiceProviderRegistration Valid(string entityId) => new()
    {
        EntityId = entityId,
        SigningCertificates = [[0x30, 0x01]],
        EncryptionCertificates = [[0x30, 0x02]],
        AssertionConsumerServices = [new SamlEndpoint(PostBinding, entityId + "/acs", 0, IsDefault: true)],
        SingleLogoutServices = [new SamlEndpoint(RedirectBinding, entityId + "/slo", 0, IsDefault: true)],
        AllowedAttributes = ImmutableArray.Create("https://data.gov.dk/model/core/eid/professional/uuid/persistent"),
        MinimumLoa = LevelOfAssurance.High,
        CprEntitled = true,
    };
}
