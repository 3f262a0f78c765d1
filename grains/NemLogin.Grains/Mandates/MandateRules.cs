using System.Collections.Immutable;
using NemLogin.Grains.Errors;
using NemLogin.Grains.Identities;
using NemLogin.Grains.Organisations;
using NemLogin.Grains.Requests;
using NemLogin.Grains.Rights;

namespace NemLogin.Grains.Mandates;

/// <summary>
/// What every stored mandate satisfies. <see cref="Normalise"/> checks the form and gives a grant its canonical content
/// (systems ordered by key, privileges sorted without repeats); <see cref="CheckAsync"/> checks it against what is stored:
/// the parties exist, a person grantor is 15 or older, the systems are registered and the privileges in their catalogues.
/// </summary>
internal static class MandateRules
{
    /// <summary>A citizen's grantor must be this old on the day of the grant (Danish calendar day).</summary>
    public const int MinimumGrantorAge = 15;

    public const int MaxSystems = 50;
    public const int MaxPrivilegesPerSystem = 100;

    private static readonly TimeZoneInfo Denmark = FindDenmark();

    public static MandateDetails Normalise(MandateDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        Rules.Require(details.Grantor?.IsWellFormed() == true && details.Grantee?.IsWellFormed() == true, BrokerError.MandatePartyInvalid,
            "A party is a person by identity id or an organisation by CVR number.");
        Rules.Require(details.Grantor != details.Grantee, BrokerError.MandatePartyInvalid, "The grantor and the grantee are different parties.");
        Rules.Require(details.Grantor!.Kind == MandatePartyKind.Organisation || details.Grantee!.Kind == MandatePartyKind.Person, BrokerError.MandatePartyInvalid,
            "A person gives a mandate to another person only.");
        var systems = details.Systems.IsDefault ? [] : details.Systems;
        Rules.Require(systems.Length is > 0 and <= MaxSystems && systems.All(s => s is not null), BrokerError.MandateSystemsInvalid,
            $"A mandate covers 1 to {MaxSystems} IT systems.");
        Rules.Require(systems.All(s => s.System?.IsWellFormed() == true), BrokerError.MandateItSystemUnknown, "An IT system is a SAML entityID or an OIDC client id.");
        Rules.Require(systems.Select(s => s.System.Key).Distinct(StringComparer.Ordinal).Count() == systems.Length, BrokerError.MandateSystemsInvalid,
            "Each IT system is named once.");
        var normal = systems
            .Select(s => new MandateSystem(s.System, [.. (s.Privileges.IsDefault ? [] : s.Privileges).Select(p => p ?? string.Empty).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]))
            .OrderBy(s => s.System.Key, StringComparer.Ordinal)
            .ToImmutableArray();
        Rules.Require(normal.All(s => s.Privileges.Length <= MaxPrivilegesPerSystem), BrokerError.MandateSystemsInvalid,
            $"At most {MaxPrivilegesPerSystem} privileges per IT system.");
        Rules.Require(normal.All(s => s.Privileges.All(p => p.Length > 0)), BrokerError.MandatePrivilegeUnknown, "A privilege is named by its URI.");
        Rules.Require(details.ValidFrom is not { } from || details.ValidTo is not { } to || to > from, BrokerError.MandateValidityInvalid,
            "validTo is after validFrom.");
        return details with { Systems = normal };
    }

    /// <summary>
    /// The checks against what is stored, at <paramref name="now"/>, for mandates each in force from its <c>ValidFrom</c>.
    /// Every distinct party, system and catalogue the items name is read once, all at once; the refusals come in the order
    /// a single grant meets them (validity, grantor, grantee, then each system: registered, its catalogue).
    /// </summary>
    public static async Task CheckAsync(IGrainFactory grains, IReadOnlyList<(MandateDetails Details, DateTimeOffset ValidFrom)> items, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var (details, validFrom) in items)
        {
            Rules.Require(details.ValidTo is not { } to || (to > now && to > validFrom), BrokerError.MandateValidityInvalid,
                "validTo is in the future and after validFrom.");
        }

        var covered = items.SelectMany(i => i.Details.Systems).ToArray();
        var grantorChecks = items.Select(i => i.Details.Grantor).Distinct().Select(g => CheckGrantorAsync(grains, g, now)).ToArray();
        var granteeChecks = items.Select(i => i.Details.Grantee).Distinct().Select(g => CheckGranteeAsync(grains, g)).ToArray();
        var registered = covered.Select(s => s.System).Distinct().ToDictionary(s => s, s => ItSystems.IsRegisteredAsync(grains, s));
        var catalogues = covered.Where(s => !s.CoversAll).Select(s => s.System.Key).Distinct(StringComparer.Ordinal)
            .ToDictionary(key => key, key => grains.Reference<IPrivilegeCatalogueGrain>(key).GetAsync(), StringComparer.Ordinal);
        foreach (var check in grantorChecks.Concat(granteeChecks))
        {
            await check;
        }

        foreach (var system in covered)
        {
            Rules.Require(await registered[system.System], BrokerError.MandateItSystemUnknown, "No SAML SP or OIDC client is registered under this id.");
            if (!system.CoversAll)
            {
                var catalogue = await catalogues[system.System.Key];
                Rules.Require(catalogue is not null && system.Privileges.All(p => catalogue.Find(p) is not null), BrokerError.MandatePrivilegeUnknown,
                    "The IT system's catalogue does not define this privilege.");
            }
        }
    }

    /// <summary>
    /// Whole years from <paramref name="dateOfBirth"/> to <paramref name="day"/>. A year is complete on the birthday's month
    /// and day, so someone born on 29 February is a year older on 1 March in a common year (never a day early).
    /// </summary>
    public static int AgeOn(DateOnly dateOfBirth, DateOnly day)
    {
        var age = day.Year - dateOfBirth.Year;
        return (day.Month, day.Day).CompareTo((dateOfBirth.Month, dateOfBirth.Day)) < 0 ? age - 1 : age;
    }

    /// <summary>The Danish calendar day at <paramref name="now"/>.</summary>
    public static DateOnly DanishDay(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Denmark).DateTime);

    private static async Task CheckGrantorAsync(IGrainFactory grains, MandateParty grantor, DateTimeOffset now)
    {
        if (grantor.PersonId is { } personId)
        {
            var profile = await grains.Reference<IIdentityGrain>(personId).GetAsync()
                ?? throw Rules.Refuse(BrokerError.MandatePersonUnknown, "No identity has the grantor's id.");
            Rules.Require(AgeOn(profile.Attributes.DateOfBirth, DanishDay(now)) >= MinimumGrantorAge, BrokerError.MandateGrantorUnderAge,
                $"A person gives a mandate from the age of {MinimumGrantorAge}.");
            return;
        }

        var organisation = await grains.Reference<IOrganisationGrain>(grantor.Id).GetAsync()
            ?? throw Rules.Refuse(BrokerError.MandateOrganisationUnknown, "No organisation is registered under the grantor's CVR number.");
        Rules.Require(organisation.Details.Status == OrganisationStatus.Active, BrokerError.MandateOrganisationNotActive,
            "Only an active organisation gives mandates.");
    }

    private static async Task CheckGranteeAsync(IGrainFactory grains, MandateParty grantee)
    {
        if (grantee.PersonId is { } personId)
        {
            Rules.Require(await grains.Reference<IIdentityGrain>(personId).GetAsync() is not null, BrokerError.MandatePersonUnknown, "No identity has the grantee's id.");
            return;
        }

        Rules.Require(await grains.Reference<IOrganisationGrain>(grantee.Id).GetAsync() is not null, BrokerError.MandateOrganisationUnknown,
            "No organisation is registered under the grantee's CVR number.");
    }

    private static TimeZoneInfo FindDenmark()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");
        }
        catch (TimeZoneNotFoundException)
        {
            // No time zone data (a minimal container): UTC is at most two hours off at the turn of a day.
            return TimeZoneInfo.Utc;
        }
    }
}
