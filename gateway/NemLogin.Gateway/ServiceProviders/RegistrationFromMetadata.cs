using System.Collections.Immutable;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.ServiceProviders;
using NemLogin.Saml;
using NemLogin.Saml.Metadata;
using NemLogin.Saml.Validation;

namespace NemLogin.Gateway.ServiceProviders;

/// <summary>Turns SP metadata plus the broker's policy for that SP into a registration.</summary>
internal static class RegistrationFromMetadata
{
    /// <summary>Attributes an SP gets when its metadata requests none: everything but the CPR number.</summary>
    private static readonly ImmutableArray<string> DefaultAttributes =
    [
        SamlConstants.Attributes.SpecVersion, SamlConstants.Attributes.Loa, SamlConstants.Attributes.Ial,
        SamlConstants.Attributes.Aal, SamlConstants.Attributes.FullName, SamlConstants.Attributes.FirstName,
        SamlConstants.Attributes.LastName, SamlConstants.Attributes.Email, SamlConstants.Attributes.CprUuid,
        SamlConstants.Attributes.DateOfBirth, SamlConstants.Attributes.Age,
    ];

    /// <summary>Reads, validates (OIOSAML metadata rules) and maps; throws <see cref="SamlException"/> with the defect's code.</summary>
    public static ServiceProviderRegistration Create(string metadataXml, DateTimeOffset now, Func<string, bool> cprEntitled, LevelOfAssurance minimumLoa)
    {
        var read = MetadataReader.ReadServiceProvider(metadataXml, SamlLimits.Default);
        // http is accepted on loopback only: nobody else can reach such an endpoint (the embedded demo, tests).
        var metadata = MetadataValidator.ValidateServiceProvider(read, now, allowHttpLoopback: true).Value;
        // OIOSAML 3: the SP's first advertised EncryptionMethod of each kind that we support wins; what it does not list
        // falls back to the default when the assertion is written (EncryptionChoice), so a later default change reaches it.
        var data = EncryptionChoice.FirstDataAlgorithm(metadata.EncryptionMethods);
        var transport = EncryptionChoice.FirstKeyTransportAlgorithm(metadata.EncryptionMethods);
        var requested = metadata.RequestedAttributes
            .Select(a => a.Name)
            .Where(SamlConstants.Attributes.Known.Contains)
            .ToImmutableArray();

        return new ServiceProviderRegistration
        {
            EntityId = metadata.EntityId,
            SigningCertificates = [.. metadata.SigningCertificates.Select(c => c.RawData)],
            EncryptionCertificates = [.. metadata.EncryptionCertificates.Select(c => c.RawData)],
            AssertionConsumerServices = [.. metadata.AssertionConsumerServices.Select(ToEndpoint)],
            SingleLogoutServices = [.. metadata.SingleLogoutServices.Select(ToEndpoint)],
            DataEncryptionAlgorithm = data,
            KeyTransportAlgorithm = transport,
            AllowedAttributes = requested.IsEmpty ? DefaultAttributes : requested,
            MinimumLoa = minimumLoa,
            CprEntitled = cprEntitled(metadata.EntityId),
            MetadataXml = metadataXml,
            DisplayName = metadata.ServiceName,
        };
    }

    private static SamlEndpoint ToEndpoint(EndpointInfo e) => new(e.Binding, e.Location, e.Index, e.IsDefault) { ResponseLocation = e.ResponseLocation };
}
