using System.Collections.Immutable;
using NemLogin.Grains.Assurance;

namespace NemLogin.Grains.ServiceProviders;

/// <summary>
/// The broker's administrative decisions about one SP, as opposed to what its metadata says. Survives a metadata
/// replacement; set as a whole.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("nl.sp.policy")]
public sealed record ServiceProviderPolicy
{
    /// <summary>Attribute names the SP may receive; the CPR number additionally needs <see cref="CprEntitled"/>.</summary>
    [Id(0)] public required ImmutableArray<string> AllowedAttributes { get; init; }

    [Id(1)] public bool CprEntitled { get; init; }

    [Id(2)] public LevelOfAssurance MinimumLoa { get; init; } = LevelOfAssurance.Substantial;

    /// <summary>Persistent or transient NameID format URI forced for every response; null: the request decides.</summary>
    [Id(3)] public string? NameIdFormat { get; init; }

    /// <summary>Data encryption algorithm URI; null: what the SP's metadata asks for.</summary>
    [Id(4)] public string? DataEncryptionAlgorithm { get; init; }

    /// <summary>Key transport algorithm URI; null: what the SP's metadata asks for.</summary>
    [Id(5)] public string? KeyTransportAlgorithm { get; init; }

    [Id(6)] public bool SignResponse { get; init; }

    [Id(7)] public bool AllowSso { get; init; } = true;

    /// <summary>The CVR number of the organisation that provides the service (the IT-system provider); null: none named.</summary>
    [Id(8)] public string? OwnerCvr { get; init; }

    /// <summary>The policy a registration carries now.</summary>
    public static ServiceProviderPolicy Of(ServiceProviderRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return new ServiceProviderPolicy
        {
            AllowedAttributes = registration.AllowedAttributes,
            CprEntitled = registration.CprEntitled,
            MinimumLoa = registration.MinimumLoa,
            NameIdFormat = registration.NameIdFormat,
            DataEncryptionAlgorithm = registration.PolicyDataEncryptionAlgorithm,
            KeyTransportAlgorithm = registration.PolicyKeyTransportAlgorithm,
            SignResponse = registration.SignResponse,
            AllowSso = registration.AllowSso,
            OwnerCvr = registration.OwnerCvr,
        };
    }

    /// <summary><paramref name="registration"/> with this policy in place of its own.</summary>
    public ServiceProviderRegistration ApplyTo(ServiceProviderRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return registration with
        {
            AllowedAttributes = AllowedAttributes,
            CprEntitled = CprEntitled,
            MinimumLoa = MinimumLoa,
            NameIdFormat = NameIdFormat,
            PolicyDataEncryptionAlgorithm = DataEncryptionAlgorithm,
            PolicyKeyTransportAlgorithm = KeyTransportAlgorithm,
            SignResponse = SignResponse,
            AllowSso = AllowSso,
            OwnerCvr = OwnerCvr,
        };
    }
}
