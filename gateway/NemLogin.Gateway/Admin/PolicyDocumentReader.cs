using NemLogin.Grains.Assurance;
using NemLogin.Grains.Organisations;
using NemLogin.Grains.ServiceProviders;
using NemLogin.Gateway.ServiceProviders;
using NemLogin.Saml;

namespace NemLogin.Gateway.Admin;

/// <summary>Turns a <see cref="PolicyDocument"/> into a policy, or names the first defect with its own code.</summary>
internal static class PolicyDocumentReader
{
    public const string AttributesMissing = "admin.policy.attributes-missing";
    public const string AttributeUnknown = "admin.policy.attribute-unknown";
    public const string LoaInvalid = "admin.policy.loa-invalid";
    public const string NameIdFormatUnsupported = "admin.policy.nameid-format-unsupported";
    public const string EncryptionUnsupported = "admin.policy.encryption-unsupported";
    public const string OwnerInvalid = "admin.policy.owner-invalid";

    private static readonly string[] NameIdFormats = [SamlConstants.NameIdFormats.Persistent, SamlConstants.NameIdFormats.Transient];

    public static (ServiceProviderPolicy? Policy, IResult? Problem) Read(PolicyDocument document)
    {
        if (document.AllowedAttributes is null)
        {
            return Refuse(AttributesMissing, "allowedAttributes is required (an empty list sends only specVersion and loa).");
        }

        // OIOSAML 3 attribute profile: only attributes the broker issues can be released.
        if (document.AllowedAttributes.FirstOrDefault(a => !SamlConstants.Attributes.Known.Contains(a)) is { } unknown)
        {
            return Refuse(AttributeUnknown, $"Attribute {unknown} is not offered by the broker.");
        }

        if (!Enum.TryParse<LevelOfAssurance>(document.MinimumLoa, ignoreCase: false, out var loa)
            || loa is not (LevelOfAssurance.Low or LevelOfAssurance.Substantial or LevelOfAssurance.High))
        {
            return Refuse(LoaInvalid, "minimumLoa must be Low, Substantial or High.");
        }

        if (document.NameIdFormat is { } format && !NameIdFormats.Contains(format, StringComparer.Ordinal))
        {
            return Refuse(NameIdFormatUnsupported, "nameIdFormat must be the persistent or the transient format URI, or null.");
        }

        if (!EncryptionSupported(document.DataEncryptionAlgorithm, document.KeyTransportAlgorithm))
        {
            return Refuse(EncryptionUnsupported, "Give both encryption algorithms (AES-256-GCM or -CBC; RSA-OAEP or rsa-oaep-mgf1p) or neither.");
        }

        if (document.OwnerCvr is { } owner && !BusinessNumbers.IsCvr(owner))
        {
            return Refuse(OwnerInvalid, "ownerCvr is a CVR number (8 digits passing the modulus 11 check), or null.");
        }

        return (new ServiceProviderPolicy
        {
            AllowedAttributes = [.. document.AllowedAttributes.Distinct(StringComparer.Ordinal)],
            CprEntitled = document.CprEntitled,
            MinimumLoa = loa,
            NameIdFormat = document.NameIdFormat,
            DataEncryptionAlgorithm = document.DataEncryptionAlgorithm,
            KeyTransportAlgorithm = document.KeyTransportAlgorithm,
            SignResponse = document.SignResponse,
            AllowSso = document.AllowSso,
            OwnerCvr = document.OwnerCvr,
        }, null);
    }

    private static bool EncryptionSupported(string? data, string? transport) => (data, transport) switch
    {
        (null, null) => true,
        (not null, not null) => EncryptionChoice.DataAlgorithms.Contains(data, StringComparer.Ordinal)
            && EncryptionChoice.KeyTransportAlgorithms.Contains(transport, StringComparer.Ordinal),
        _ => false,
    };

    private static (ServiceProviderPolicy?, IResult?) Refuse(string code, string detail) => (null, AdminProblems.Invalid(code, detail));
}
