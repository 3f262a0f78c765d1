using NemLogin.Gateway.Login;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.Identities;
using NemLogin.Grains.Mandates;
using NemLogin.Grains.Rights;
using NemLogin.Saml;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Privileges;
using A = NemLogin.Saml.SamlConstants.Attributes;

namespace NemLogin.Gateway.Saml;

/// <summary>The OIOSAML 3 attribute set for one person and one SP, filtered by what the SP may receive.</summary>
internal static class OioSamlAttributes
{
    /// <summary>
    /// Every attribute <see cref="For"/> and <see cref="ForProfessional"/> can issue, and so all the IdP metadata offers
    /// (SAML Metadata 2.4.3). Authorisation to represent and bootstrap tokens join when they are issued; until then an SP
    /// reading the metadata must not expect them.
    /// </summary>
    public static IReadOnlyList<string> Issued { get; } =
    [
        A.SpecVersion, A.Loa, A.Ial, A.Aal, A.FullName, A.FirstName, A.LastName, A.Email, A.CprNumber, A.CprUuid, A.DateOfBirth, A.Age,
        A.ProfessionalUuid, A.Cvr, A.OrgName, A.ProductionUnit, A.SeNumber, A.PrivilegesIntermediate,
    ];

    /// <summary>
    /// The citizen profile. Acting under a mandate (<paramref name="onBehalfOf"/>), the NameID and attributes stay the
    /// person's own and <c>privilegesIntermediate</c> carries the mandate's privileges scoped to the grantor.
    /// </summary>
    public static IReadOnlyList<SamlAttribute> For(
        AttributeRelease release, LevelOfAssurance loa, ISet<string> allowed, DateOnly today, FittingMandate? onBehalfOf = null)
    {
        var all = new List<SamlAttribute>
        {
            // specVersion and loa are required by the profile: every SP gets them.
            new(A.SpecVersion, [SamlConstants.OioSaml.SpecVersionValue]),
            new(A.Loa, [Loa.ToAttributeValue(loa)]),
        };

        void Add(string name, string? value)
        {
            if (value is not null && allowed.Contains(name))
            {
                all.Add(new SamlAttribute(name, [value]));
            }
        }

        // The simulated upstream proves identity and authenticator at the same level (NSIS ial/aal).
        Add(A.Ial, Loa.ToAttributeValue(loa));
        Add(A.Aal, Loa.ToAttributeValue(loa));
        Add(A.FullName, $"{release.GivenName} {release.FamilyName}");
        Add(A.FirstName, release.GivenName);
        Add(A.LastName, release.FamilyName);
        Add(A.Email, release.Email);
        Add(A.CprNumber, release.CprNumber);
        Add(A.CprUuid, $"urn:uuid:{release.CprUuid}");
        Add(A.DateOfBirth, release.DateOfBirth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add(A.Age, AgeOn(release.DateOfBirth, today).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (onBehalfOf is { Privileges.IsDefaultOrEmpty: false })
        {
            all.Add(new SamlAttribute(A.PrivilegesIntermediate, [BasicPrivilegeProfile.WriteBase64(PrivilegeGroups.From(onBehalfOf.Privileges))]));
        }

        return all;
    }

    /// <summary>
    /// The Professional profile: the employee acting for an organisation. The business identity's UUID, the organisation's
    /// CVR and name always (the profile requires them); its production unit and SE number where set; this IT system's
    /// rights as an OIO Basic Privilege Profile document (base64) when there are any; the person's names, e-mail and (for
    /// an entitled SP) CPR number as the registration allows. Never the citizen profile's birth date, age or CPR UUID.
    /// </summary>
    public static IReadOnlyList<SamlAttribute> ForProfessional(
        AttributeRelease release, BusinessRights professional, LevelOfAssurance loa, ISet<string> allowed)
    {
        var all = new List<SamlAttribute>
        {
            new(A.SpecVersion, [SamlConstants.OioSaml.SpecVersionValue]),
            new(A.Loa, [Loa.ToAttributeValue(loa)]),
            new(A.ProfessionalUuid, [$"urn:uuid:{professional.Id}"]),
            new(A.Cvr, [professional.Cvr]),
            new(A.OrgName, [professional.OrganisationName ?? professional.Cvr]),
        };

        void Add(string name, string? value, bool always = false)
        {
            if (value is not null && (always || allowed.Contains(name)))
            {
                all.Add(new SamlAttribute(name, [value]));
            }
        }

        Add(A.ProductionUnit, professional.ProductionUnit, always: true);
        Add(A.SeNumber, professional.SeNumber, always: true);
        Add(A.PrivilegesIntermediate,
            professional.Privileges.IsDefaultOrEmpty ? null : BasicPrivilegeProfile.WriteBase64(PrivilegeGroups.From(professional.Privileges)), always: true);
        Add(A.Ial, Loa.ToAttributeValue(loa));
        Add(A.Aal, Loa.ToAttributeValue(loa));
        Add(A.FullName, $"{release.GivenName} {release.FamilyName}");
        Add(A.FirstName, release.GivenName);
        Add(A.LastName, release.FamilyName);
        Add(A.Email, release.Email);
        Add(A.CprNumber, release.CprNumber);
        return all;
    }

    private static int AgeOn(DateOnly birth, DateOnly today)
    {
        var age = today.Year - birth.Year;
        return birth.AddYears(age) > today ? age - 1 : age;
    }
}
