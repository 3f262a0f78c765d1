using System.Security.Cryptography;
using System.Text;
using NemLogin.Demo.DemoSp;
using NemLogin.Demo.Hosting;
using NemLogin.Demo.MitIdSimulator;
using NemLogin.Gateway.Audit;
using NemLogin.Gateway.Organisations;
using NemLogin.Gateway.Upstream;
using NemLogin.Gateway.Upstream.MitId;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.BusinessIdentities;
using NemLogin.Grains.Identities;
using NemLogin.Grains.Organisations;
using NemLogin.Grains.Rights;
using NemLogin.Grains;

namespace NemLogin.Demo.DemoOrganisation;

/// <summary>
/// Seeds the demo organisation once the demo SP is registered: the SP's privileges catalogue (one privilege), the
/// organisation, <c>bent</c> as its employee (bound to the private identity his MitID login resolves to) and administrator
/// (he manages its employees, rights and business mandates in the self-service pages), and his one right at the demo SP.
/// <c>alice</c> gets no business identity. Every step goes through <see cref="OrganisationAdministration"/>
/// (audited, actor <c>system:demo</c>) with request ids derived from the content, so a restart against durable storage
/// repeats the steps harmlessly; bent is added only when his index has no identity at the organisation yet.
/// </summary>
internal sealed class DemoOrganisationSeeder(
    DemoSpRegistrar spRegistrar,
    DemoServiceProvider sp,
    OrganisationAdministration administration,
    IEnumerable<IUpstreamIdentityProvider> upstreams,
    IGrainFactory grains,
    IHostApplicationLifetime lifetime,
    ILogger<DemoOrganisationSeeder> logger) : AfterStartTask(lifetime)
{
    /// <summary>Completes when the demo organisation, bent's business identity and his right are stored.</summary>
    public Task Seeded => Done;

    protected override async Task RunAsync()
    {
        await spRegistrar.Registered;
        var system = ItSystem.Saml(sp.EntityId);
        await administration.ReplaceCatalogueAsync(null, system, RequestId("demo-catalogue", sp.EntityId),
            [new Privilege(DemoOrganisation.CaseWorkerPrivilege, DemoOrganisation.CaseWorkerName,
                [new PrivilegeConstraint(DemoOrganisation.DepartmentConstraint, DemoOrganisation.Department)])],
            AuditActions.DemoActor);
        await administration.SaveAsync(null, DemoOrganisation.Cvr, RequestId("demo-organisation", DemoOrganisation.Name),
            new OrganisationDetails(DemoOrganisation.Name, [DemoOrganisation.ProductionUnit], [DemoOrganisation.SeNumber], OrganisationStatus.Active, []),
            AuditActions.DemoActor);

        // The identity bent's MitID login will resolve to (the same upstream subject key the login uses), bound now.
        // (The identity gets the simulator's attributes now, so the demo mandate can check alice's age before any login.)
        await TestUserIdentities.ResolveAsync(upstreams, grains, TestUsers.Bent);
        var mitId = upstreams.First(u => u.Name == MitIdUpstreamProvider.ProviderName);
        var employeeId = await EmployWithRightAsync(mitId.AuthorityId, TestUsers.Bent.MitIdUuid.ToString());
        await administration.SaveAsync(null, DemoOrganisation.Cvr, RequestId("demo-administrator", employeeId.ToString()),
            new OrganisationDetails(DemoOrganisation.Name, [DemoOrganisation.ProductionUnit], [DemoOrganisation.SeNumber], OrganisationStatus.Active, [employeeId]),
            AuditActions.DemoActor);
        Log.DemoOrganisationSeeded(logger, DemoOrganisation.Cvr, employeeId);
    }

    /// <summary>
    /// Makes the person an upstream subject resolves to (<paramref name="authority"/>, <paramref name="subject"/>: the same
    /// key a login through that upstream uses) an employee of the demo organisation at Substantial, bound to that person,
    /// with the case-worker right at the demo SP. Unless that person already is one: then only the right is granted again
    /// (idempotent by request id). The employee's business identity id.
    /// </summary>
    public async Task<Guid> EmployWithRightAsync(string authority, string subject)
    {
        var person = await grains.Reference<IUpstreamSubjectGrain>(UpstreamSubjectKey.For(authority, subject)).ResolveIdentityAsync();
        var employeeId = await FindEmployeeAsync(person)
            ?? (await administration.AddEmployeeAsync(null, DemoOrganisation.Cvr, RequestId("demo-employee", person.ToString()),
                new EmployeeDetails(person, LevelOfAssurance.Substantial, null, null), AuditActions.DemoActor)).Id;
        var right = new Right(ItSystem.Saml(sp.EntityId), DemoOrganisation.CaseWorkerPrivilege, RightScope.Organisation(DemoOrganisation.Cvr));
        await administration.GrantAsync(null, DemoOrganisation.Cvr, employeeId, RequestId("demo-right", sp.EntityId + "|" + employeeId), right, AuditActions.DemoActor);
        return employeeId;
    }

    // The broker keeps serving; only the demo's professional logins miss their data.
    protected override void Failed(Exception exception) => Log.DemoOrganisationFailed(logger, exception);

    private async Task<Guid?> FindEmployeeAsync(Guid person) =>
        (await grains.Reference<IBusinessIdentityIndexGrain>(person).ListAsync())
            .FirstOrDefault(e => e.Cvr == DemoOrganisation.Cvr && e.Status == BusinessIdentityStatus.Active)?.Id;

    // The same content gives the same id on every start; other content (another port, so another entityID) a new one.
    private static string RequestId(string step, string content) =>
        step + "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..16];
}
