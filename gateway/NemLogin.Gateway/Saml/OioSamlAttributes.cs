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
        // specVersion and loa are required by the profile: every SP gets them.
        var all = Required(loa);
        AddPerson(all, release, loa, allowed);
        Add(all, allowed, A.CprUuid, $"urn:uuid:{release.CprUuid}");
        Add(all, allowed, A.DateOfBirth, release.DateOfBirth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add(all, allowed, A.Age, AgeOn(release.DateOfBirth, today).ToString(System.Globalization.CultureInfo.InvariantCulture));
        AddPrivileges(all, onBehalfOf?.Privileges ?? default);
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
        var all = Required(loa);
        all.Add(new SamlAttribute(A.ProfessionalUuid, [$"urn:uuid:{professional.Id}"]));
        all.Add(new SamlAttribute(A.Cvr, [professional.Cvr]));
        all.Add(new SamlAttribute(A.OrgName, [professional.OrganisationName ?? professional.Cvr]));
        if (professional.ProductionUnit is { } unit)
        {
            all.Add(new SamlAttribute(A.ProductionUnit, [unit]));
        }

        if (professional.SeNumber is { } se)
        {
            all.Add(new SamlAttribute(A.SeNumber, [se]));
        }

        AddPrivileges(all, professional.Privileges);
        AddPerson(all, release, loa, allowed);
        return all;
    }

    private static List<SamlAttribute> Required(LevelOfAssurance loa) =>
    [
        new(A.SpecVersion, [SamlConstants.OioSaml.SpecVersionValue]),
        new(A.Loa, [Loa.ToAttributeValue(loa)]),
    ];

    /// <summary>What both profiles say of the person, as the SP's registration allows.</summary>
    private static void AddPerson(List<SamlAttribute> all, AttributeRelease release, LevelOfAssurance loa, ISet<string> allowed)
    {
        // The simulated upstream proves identity and authenticator at the same level (NSIS ial/aal).
        Add(all, allowed, A.Ial, Loa.ToAttributeValue(loa));
        Add(all, allowed, A.Aal, Loa.ToAttributeValue(loa));
        Add(all, allowed, A.FullName, $"{release.GivenName} {release.FamilyName}");
        Add(all, allowed, A.FirstName, release.GivenName);
        Add(all, allowed, A.LastName, release.FamilyName);
        Add(all, allowed, A.Email, release.Email);
        Add(all, allowed, A.CprNumber, release.CprNumber);
    }

    private static void Add(List<SamlAttribute> all, ISet<string> allowed, string name, string? value)
    {
        if (value is not null && allowed.Contains(name))
        {
            all.Add(new SamlAttribute(name, [value]));
        }
    }

    /// <summary>The rights as one OIO Basic Privilege Profile document, when there are any.</summary>
    private static void AddPrivileges(List<SamlAttribute> all, System.Collections.Immutable.ImmutableArray<GrantedPrivilege> privileges)
    {
        if (!privileges.IsDefaultOrEmpty)
        {
            all.Add(new SamlAttribute(A.PrivilegesIntermediate, [BasicPrivilegeProfile.WriteBase64(PrivilegeGroups.From(privileges))]));
        }
    }

    private static int AgeOn(DateOnly birth, DateOnly today)
    {
        var age = today.Year - birth.Year;
        return birth.AddYears(age) > today ? age - 1 : age;
    }
}
