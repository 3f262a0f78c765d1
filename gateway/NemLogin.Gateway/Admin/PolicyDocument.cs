using NemLogin.Grains.ServiceProviders;

namespace NemLogin.Gateway.Admin;

/// <summary>
/// An SP's policy as JSON (<c>GET</c>/<c>PUT …/policy</c>). A PUT replaces the whole policy: omitted flags take their
/// defaults (no CPR, Response not signed, single sign-on allowed); <c>allowedAttributes</c> and <c>minimumLoa</c> are required.
/// </summary>
internal sealed record PolicyDocument
{
    public IReadOnlyList<string>? AllowedAttributes { get; init; }

    public bool CprEntitled { get; init; }

    /// <summary><c>Low</c>, <c>Substantial</c> or <c>High</c>.</summary>
    public string? MinimumLoa { get; init; }

    /// <summary>The persistent or transient format URI forced on every response; null: the request decides.</summary>
    public string? NameIdFormat { get; init; }

    /// <summary>Overrides what the SP's metadata asks for; both or neither.</summary>
    public string? DataEncryptionAlgorithm { get; init; }

    public string? KeyTransportAlgorithm { get; init; }

    public bool SignResponse { get; init; }

    public bool AllowSso { get; init; } = true;

    /// <summary>The CVR number of the organisation that provides the SP (its administrators see the SP's privileges catalogue); null: none.</summary>
    public string? OwnerCvr { get; init; }

    public static PolicyDocument From(ServiceProviderPolicy policy) => new()
    {
        AllowedAttributes = policy.AllowedAttributes,
        CprEntitled = policy.CprEntitled,
        MinimumLoa = policy.MinimumLoa.ToString(),
        NameIdFormat = policy.NameIdFormat,
        DataEncryptionAlgorithm = policy.DataEncryptionAlgorithm,
        KeyTransportAlgorithm = policy.KeyTransportAlgorithm,
        SignResponse = policy.SignResponse,
        AllowSso = policy.AllowSso,
        OwnerCvr = policy.OwnerCvr,
    };
}
