using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.BusinessIdentities;
using NemLogin.Grains.Identities;
using NemLogin.Grains.Mandates;
using NemLogin.Grains.Oidc;
using NemLogin.Grains.Organisations;
using NemLogin.Grains.Rights;
using NemLogin.Grains.ServiceProviders;
using NemLogin.Population;

namespace NemLogin.Silo.Seed;

/// <summary>
/// Writes one item of the population through the grains, with their own rules and storage: a person as a MitID login
/// files them (the upstream subject's link, then the identity with its CPR index entry), an organisation, an employee, a
/// mandate from its grantor's ledger. Every change carries a request id derived from the item's index and content, and
/// a person is found by their MitID subject, so writing an item again stores nothing new.
/// </summary>
internal sealed class PopulationWriter(IGrainFactory grains, PopulationPlan plan, string mitIdAuthority, IReadOnlyList<ItSystem> itSystems)
{
    /// <summary>The privileges a synthetic catalogue defines when an IT system has none (a mandate covering "all" carries them).</summary>
    public static ImmutableArray<Privilege> SyntheticPrivileges { get; } =
        [.. Enumerable.Range(1, 3).Select(i => new Privilege(
            string.Create(CultureInfo.InvariantCulture, $"https://synthetic.nemlogin.test/privileges/{i}"),
            string.Create(CultureInfo.InvariantCulture, $"Synthetic privilege {i}"),
            []))];

    // The identity id of each person, as the seed resolved it (resolved again after a restart).
    private readonly Guid[] _people = new Guid[plan.Counts.People];

    /// <summary>The first IT system that is not registered, or null when all are (a mandate can cover only registered ones).</summary>
    public async Task<ItSystem?> FindUnregisteredAsync()
    {
        foreach (var system in itSystems)
        {
            var registered = system.Kind == ItSystemKind.Oidc
                ? await grains.GetGrain<IOidcClientGrain>(system.Id).GetAsync() is not null
                : await grains.GetGrain<IServiceProviderGrain>(system.Id).GetAsync() is not null;
            if (!registered)
            {
                return system;
            }
        }

        return null;
    }

    /// <summary>Gives every IT system without a catalogue the synthetic one; a catalogue that exists is left as it is.</summary>
    public async Task EnsureCataloguesAsync()
    {
        foreach (var system in itSystems)
        {
            var catalogue = grains.GetGrain<IPrivilegeCatalogueGrain>(system.Key);
            if (await catalogue.GetAsync() is null)
            {
                await catalogue.ReplaceAsync(RequestId("seed-catalogue", system.Key), SyntheticPrivileges);
            }
        }
    }

    public async Task WritePersonAsync(int index)
    {
        var person = SyntheticPeople.Get(index);
        var id = await PersonIdAsync(index);
        await grains.GetGrain<IIdentityGrain>(id).UpdateFromUpstreamAsync(
            new PersonAttributes(person.GivenName, person.FamilyName, person.DateOfBirth, person.CprNumber, person.Email));
    }

    public Task WriteOrganisationAsync(int index)
    {
        var organisation = SyntheticOrganisations.Get(index);
        return grains.GetGrain<IOrganisationGrain>(organisation.Cvr).SaveAsync(
            RequestId("seed-organisation", organisation.Cvr + "|" + organisation.Name),
            new OrganisationDetails(organisation.Name, [], [], OrganisationStatus.Active, []));
    }

    public async Task WriteEmployeeAsync(int index)
    {
        var employee = plan.Employee(index);
        var cvr = SyntheticOrganisations.Get(employee.OrganisationIndex).Cvr;
        var person = await PersonIdAsync(employee.PersonIndex);
        await grains.GetGrain<IOrganisationGrain>(cvr).AddEmployeeAsync(
            RequestId("seed-employee", Invariant($"{index}|{cvr}|{SyntheticPeople.Get(employee.PersonIndex).MitIdUuid}")),
            new EmployeeDetails(person, LevelOfAssurance.Substantial, null, null));
    }

    public async Task WriteMandateAsync(int index)
    {
        var mandate = plan.Mandate(index);
        var grantee = MandateParty.Person(await PersonIdAsync(mandate.GranteeIndex));
        var (grantor, grantorName) = mandate.GrantorPersonIndex is { } grantorPerson
            ? (MandateParty.Person(await PersonIdAsync(grantorPerson)), SyntheticPeople.Get(grantorPerson).MitIdUuid.ToString())
            : (MandateParty.Organisation(SyntheticOrganisations.Get(mandate.GrantorOrganisationIndex!.Value).Cvr), string.Empty);
        var validTo = plan.ValidTo(mandate);
        var details = new MandateDetails(grantor, grantee, [.. itSystems.Select(s => new MandateSystem(s, []))], null, validTo);

        // The content as the plan states it (people by MitID subject, not by the identity ids this store gave them).
        var content = Invariant($"{index}|{grantorName}{(grantor.Kind == MandatePartyKind.Organisation ? grantor.Id : string.Empty)}|{SyntheticPeople.Get(mandate.GranteeIndex).MitIdUuid}|{string.Join(' ', itSystems.Select(s => s.Key))}|{validTo:O}");
        await grains.GetGrain<IMandateGrantorGrain>(grantor.Id).GrantAsync(RequestId("seed-mandate", content), details);
    }

    private async ValueTask<Guid> PersonIdAsync(int index)
    {
        if (_people[index] is var known && known != Guid.Empty)
        {
            return known;
        }

        // The key a MitID login through this authority files the person under: a later login finds the seeded identity.
        var subject = UpstreamSubjectKey.For(mitIdAuthority, SyntheticPeople.Get(index).MitIdUuid.ToString());
        var id = await grains.GetGrain<IUpstreamSubjectGrain>(subject).ResolveIdentityAsync();
        _people[index] = id;
        return id;
    }

    private static string RequestId(string step, string content) =>
        step + "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..32];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
