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

    /// <summary>The business identities grouped by organisation: one call adds an organisation's employees of a batch.</summary>
    public SeedBatches EmployeeBatches() =>
        new(plan.Counts.BusinessIdentities, plan.EmployeesByOrganisation(), j => plan.Employee(j).OrganisationIndex, OrganisationGrain.MaxBatch);

    public async Task WriteEmployeesAsync(int[] indices)
    {
        var employees = indices.Select(plan.Employee).ToArray();
        var cvr = SyntheticOrganisations.Get(employees[0].OrganisationIndex).Cvr;
        var people = await Task.WhenAll(employees.Select(e => PersonIdAsync(e.PersonIndex).AsTask()));
        await grains.GetGrain<IOrganisationGrain>(cvr).AddEmployeesAsync([.. employees.Select((employee, i) => new EmployeeAddition(
            RequestId("seed-employee", Invariant($"{employee.Index}|{cvr}|{SyntheticPeople.Get(employee.PersonIndex).MitIdUuid}")),
            new EmployeeDetails(people[i], LevelOfAssurance.Substantial, null, null)))]);
    }

    /// <summary>The mandates grouped by grantor: one call grants a grantor's mandates of a batch, its ledger written once.</summary>
    public SeedBatches MandateBatches() =>
        new(plan.Counts.Mandates, plan.MandatesByGrantor(), m => plan.GrantorKey(plan.Mandate(m)), MandateGrantorGrain.MaxBatch);

    public async Task WriteMandatesAsync(int[] indices)
    {
        var mandates = indices.Select(plan.Mandate).ToArray();
        var grantorPerson = mandates[0].GrantorPersonIndex;
        var (grantor, grantorName) = grantorPerson is { } person
            ? (MandateParty.Person(await PersonIdAsync(person)), SyntheticPeople.Get(person).MitIdUuid.ToString())
            : (MandateParty.Organisation(SyntheticOrganisations.Get(mandates[0].GrantorOrganisationIndex!.Value).Cvr), string.Empty);
        var grantees = await Task.WhenAll(mandates.Select(m => PersonIdAsync(m.GranteeIndex).AsTask()));
        var systems = itSystems.Select(s => new MandateSystem(s, [])).ToImmutableArray();
        var keys = string.Join(' ', itSystems.Select(s => s.Key));
        var grants = mandates.Select((mandate, i) =>
        {
            var validTo = plan.ValidTo(mandate);

            // The content as the plan states it (people by MitID subject, not by the identity ids this store gave them).
            var content = Invariant($"{mandate.Index}|{grantorName}{(grantor.Kind == MandatePartyKind.Organisation ? grantor.Id : string.Empty)}|{SyntheticPeople.Get(mandate.GranteeIndex).MitIdUuid}|{keys}|{validTo:O}");
            return new MandateGrant(RequestId("seed-mandate", content), new MandateDetails(grantor, MandateParty.Person(grantees[i]), systems, null, validTo));
        });
        await grains.GetGrain<IMandateGrantorGrain>(grantor.Id).GrantManyAsync([.. grants]);
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
