using System.Collections.Immutable;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.BusinessIdentities;
using NemLogin.Grains.Organisations;
using NemLogin.Grains.Requests;
using NemLogin.Grains.Rights;
using NemLogin.Grains.ServiceProviders;

namespace NemLogin.Grains.Tests.Organisations;

/// <summary>An organisation with a P unit and an SE number, an employee, and an SP with a catalogue: what most rights tests start from.</summary>
internal sealed record BusinessData(
    IGrainFactory Grains,
    string Cvr,
    string ProductionUnit,
    string SeNumber,
    ItSystem System,
    Guid EmployeeId,
    Guid PersonId)
{
    public const string Read = "urn:dk:test:privilege:read";
    public const string Write = "urn:dk:test:privilege:write";

    public IOrganisationGrain Organisation => Grains.GetGrain<IOrganisationGrain>(Cvr);

    public IBusinessIdentityGrain Employee => Grains.GetGrain<IBusinessIdentityGrain>(EmployeeId);

    public IBusinessIdentityIndexGrain PersonIndex => Grains.GetGrain<IBusinessIdentityIndexGrain>(PersonId);

    public IPrivilegeCatalogueGrain Catalogue => Grains.GetGrain<IPrivilegeCatalogueGrain>(System.Key);

    public static OrganisationDetails Details(string name = "Testfirma ApS", ImmutableArray<string>? units = null, ImmutableArray<string>? seNumbers = null,
        OrganisationStatus status = OrganisationStatus.Active, ImmutableArray<Guid>? administrators = null) =>
        new(name, units ?? [], seNumbers ?? [], status, administrators ?? []);

    public static EmployeeDetails NewEmployee(Guid? personId = null, LevelOfAssurance loa = LevelOfAssurance.Substantial, string? unit = null, string? se = null) =>
        new(personId, loa, unit, se);

    public static ImmutableArray<Privilege> Privileges(params string[] uris) =>
        [.. uris.Select(u => new Privilege(u, "Privilege " + u[^4..], [new PrivilegeConstraint("level", "1")]))];

    /// <summary>Registers an SP (the IT system) and an organisation, and creates one employee bound to a fresh person.</summary>
    public static async Task<BusinessData> CreateAsync(IGrainFactory grains)
    {
        var entityId = TestIds.EntityId();
        await grains.GetGrain<IServiceProviderGrain>(entityId).RegisterAsync(Registrations.Valid(entityId));
        var system = ItSystem.Saml(entityId);
        await grains.GetGrain<IPrivilegeCatalogueGrain>(system.Key).ReplaceAsync(TestIds.New("catalogue"), Privileges(Read, Write));

        var cvr = TestIds.Cvr();
        var unit = TestIds.ProductionUnit();
        var se = TestIds.SeNumber();
        await grains.GetGrain<IOrganisationGrain>(cvr).SaveAsync(TestIds.New("org"), Details(units: [unit], seNumbers: [se]));
        var person = Guid.NewGuid();
        var employee = await grains.GetGrain<IOrganisationGrain>(cvr).AddEmployeeAsync(TestIds.New("employee"), NewEmployee(person));
        return new BusinessData(grains, cvr, unit, se, system, employee.Id, person);
    }

    public Right Right(string privilege = Read, RightScope? scope = null) => new(System, privilege, scope ?? RightScope.Organisation(Cvr));

    public Task<ChangeReceipt> GrantAsync(Right right) => Employee.GrantAsync(TestIds.New("grant"), right);
}
