using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NemLogin.Demo.DemoOrganisation;
using NemLogin.Demo.DemoSp;
using NemLogin.Demo.MitIdSimulator;
using NemLogin.Gateway.Upstream;
using NemLogin.Grains.BusinessIdentities;
using NemLogin.Grains.Identities;
using NemLogin.Grains.Rights;
using Xunit;
using static NemLogin.Gateway.Tests.Admin.OrganisationApi;

namespace NemLogin.Gateway.Tests.Admin;

/// <summary>The embedded host's demo data (README, demo users): the demo organisation, bent its employee with one right at the demo SP, alice none.</summary>
[Collection(AdminCollection.Name)]
public sealed class DemoOrganisationTests(AdminFixture fixture)
{
    private IGrainFactory Grains => fixture.Broker.Services.GetRequiredService<IGrainFactory>();

    private async Task<Guid> IdentityOfAsync(TestUser user)
    {
        var mitId = fixture.Broker.Services.GetServices<IUpstreamIdentityProvider>().First(u => u.Name == "mitid");
        return await Grains.GetGrain<IUpstreamSubjectGrain>(UpstreamSubjectKey.For(mitId.AuthorityId, user.MitIdUuid.ToString())).ResolveIdentityAsync();
    }

    [Fact]
    public async Task Demo_Organisation_Present()
    {
        await fixture.Broker.Services.GetRequiredService<DemoOrganisationSeeder>().Seeded;

        var organisation = await fixture.Admin.GetAsync(Path(DemoOrganisation.Cvr));
        var employees = await fixture.Admin.GetAsync(Path(DemoOrganisation.Cvr, "employees"));

        Assert.Equal("Demo Erhverv ApS", organisation.Json["name"]!.GetValue<string>());
        Assert.Equal("Active", organisation.Json["status"]!.GetValue<string>());
        Assert.True(employees.Json["total"]!.GetValue<int>() >= 1);
    }

    [Fact]
    public async Task Demo_Bent_EmployeeWithOneRightAtTheDemoSp()
    {
        await fixture.Broker.Services.GetRequiredService<DemoOrganisationSeeder>().Seeded;
        var demoSp = fixture.Broker.Services.GetRequiredService<DemoServiceProvider>().EntityId;

        var entry = Assert.Single(await Grains.GetGrain<IBusinessIdentityIndexGrain>(await IdentityOfAsync(TestUsers.Bent)).ListAsync());
        var rights = await Grains.GetGrain<IBusinessIdentityGrain>(entry.Id).GetRightsAsync(ItSystem.Saml(demoSp));
        var catalogue = await fixture.Admin.GetAsync(AdminClient.SpPath(demoSp, "privileges"));

        Assert.Equal(DemoOrganisation.Cvr, entry.Cvr);
        Assert.True(rights!.Usable);
        Assert.Equal("Demo Erhverv ApS", rights.OrganisationName);
        var right = Assert.Single(rights.Privileges);
        Assert.Equal(DemoOrganisation.CaseWorkerPrivilege, right.Privilege);
        Assert.Equal(RightScope.CvrPrefix + DemoOrganisation.Cvr, right.Scope.Urn);
        Assert.Equal(DemoOrganisation.CaseWorkerPrivilege, catalogue.Json["privileges"]![0]!["uri"]!.GetValue<string>());
    }

    [Fact]
    public async Task Demo_Alice_NoBusinessIdentity()
    {
        await fixture.Broker.Services.GetRequiredService<DemoOrganisationSeeder>().Seeded;

        Assert.Empty(await Grains.GetGrain<IBusinessIdentityIndexGrain>(await IdentityOfAsync(TestUsers.Alice)).ListAsync());
    }
}
