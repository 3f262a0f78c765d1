using System.Collections.Immutable;
using System.Globalization;
using NemLogin.Grains.Identities;
using NemLogin.Grains.Mandates;
using NemLogin.Grains.Organisations;
using NemLogin.Grains.Rights;
using NemLogin.Grains.ServiceProviders;
using NemLogin.Grains.Tests.Organisations;

namespace NemLogin.Grains.Tests.Mandates;

/// <summary>An SP with a catalogue of two privileges, a grantor aged 40 and a grantee: what most mandate tests start from.</summary>
internal sealed record MandateData(IGrainFactory Grains, ItSystem System, Guid Grantor, string GrantorCpr, Guid Grantee)
{
    public const string Read = BusinessData.Read;
    public const string Write = BusinessData.Write;

    public MandateParty GrantorParty => MandateParty.Person(Grantor);

    public MandateParty GranteeParty => MandateParty.Person(Grantee);

    public IMandateGrantorGrain Ledger => Grains.GetGrain<IMandateGrantorGrain>(GrantorParty.Id);

    public IMandateIndexGrain Index => Grains.GetGrain<IMandateIndexGrain>(GranteeParty.Id);

    public IMandateGrain Mandate(Guid id) => Grains.GetGrain<IMandateGrain>(id);

    public static async Task<MandateData> CreateAsync(IGrainFactory grains, DateTimeOffset now)
    {
        var system = await RegisterSystemAsync(grains);
        var (grantor, cpr) = await PersonAsync(grains, Born(now, years: 40));
        var (grantee, _) = await PersonAsync(grains, Born(now, years: 30));
        return new MandateData(grains, system, grantor, cpr, grantee);
    }

    /// <summary>A registered SAML SP with the two test privileges in its catalogue.</summary>
    public static async Task<ItSystem> RegisterSystemAsync(IGrainFactory grains)
    {
        var entityId = TestIds.EntityId();
        await grains.GetGrain<IServiceProviderGrain>(entityId).RegisterAsync(Registrations.Valid(entityId));
        var system = ItSystem.Saml(entityId);
        await grains.GetGrain<IPrivilegeCatalogueGrain>(system.Key).ReplaceAsync(TestIds.New("catalogue"), BusinessData.Privileges(Read, Write));
        return system;
    }

    /// <summary>A person who has logged in (an identity with a fresh CPR number) born on <paramref name="dateOfBirth"/>.</summary>
    public static async Task<(Guid Id, string Cpr)> PersonAsync(IGrainFactory grains, DateOnly dateOfBirth)
    {
        var id = Guid.NewGuid();
        var cpr = dateOfBirth.ToString("ddMMyy", CultureInfo.InvariantCulture) + Random.Shared.Next(1000, 10000).ToString(CultureInfo.InvariantCulture);
        await grains.GetGrain<IIdentityGrain>(id).UpdateFromUpstreamAsync(new PersonAttributes("Grete", "Giver", dateOfBirth, cpr, null));
        return (id, cpr);
    }

    /// <summary>The date of birth of someone who turns <paramref name="years"/> on the Danish day of <paramref name="now"/>.</summary>
    public static DateOnly Born(DateTimeOffset now, int years) => MandateRules.DanishDay(now).AddYears(-years);

    public MandateDetails Details(
        DateTimeOffset? validTo = null, DateTimeOffset? validFrom = null, ImmutableArray<string>? privileges = null, MandateParty? grantee = null, ItSystem? system = null) =>
        new(GrantorParty, grantee ?? GranteeParty, [new MandateSystem(system ?? System, privileges ?? [Read])], validFrom, validTo);

    public Task<Mandate> GrantAsync(MandateDetails details) => Ledger.GrantAsync(TestIds.New("grant"), details);

    public static async Task<string> OrganisationAsync(IGrainFactory grains, string name = "Fuldmagt ApS", OrganisationStatus status = OrganisationStatus.Active)
    {
        var cvr = TestIds.Cvr();
        await grains.GetGrain<IOrganisationGrain>(cvr).SaveAsync(TestIds.New("org"), BusinessData.Details(name, status: status));
        return cvr;
    }
}
