using NemLogin.Gateway.Login;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.Identities;
using NemLogin.Saml;
using NemLogin.Saml.Messages;
using A = NemLogin.Saml.SamlConstants.Attributes;

namespace NemLogin.Gateway.Saml;

/// <summary>The OIOSAML 3 attribute set for one person and one SP, filtered by what the SP may receive.</summary>
internal static class OioSamlAttributes
{
    /// <summary>
    /// Every attribute <see cref="For"/> can issue, and so all the IdP metadata offers (SAML Metadata 2.4.3). The professional
    /// attributes, privileges and bootstrap tokens join when business identities and mandates are issued; until then an SP
    /// reading the metadata must not expect them.
    /// </summary>
    public static IReadOnlyList<string> Issued { get; } =
    [
        A.SpecVersion, A.Loa, A.Ial, A.Aal, A.FullName, A.FirstName, A.LastName, A.Email, A.CprNumber, A.CprUuid, A.DateOfBirth, A.Age,
    ];

    public static IReadOnlyList<SamlAttribute> For(
        AttributeRelease release, LevelOfAssurance loa, ISet<string> allowed, DateOnly today)
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
        return all;
    }

    private static int AgeOn(DateOnly birth, DateOnly today)
    {
        var age = today.Year - birth.Year;
        return birth.AddYears(age) > today ? age - 1 : age;
    }
}
