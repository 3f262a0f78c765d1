using NemLogin.Grains.Assurance;
using NemLogin.Grains.BusinessIdentities;
using NemLogin.Grains.Organisations;

namespace NemLogin.Grains.Tests.Organisations;

/// <summary>Organisations: the CVR key, the details' rules, status, administrators, employees, and idempotency by request id.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OrganisationGrainTests(ClusterFixture fixture)
{
    private IOrganisationGrain Organisation(string cvr) => fixture.Grains.GetGrain<IOrganisationGrain>(cvr);

    [Fact]
    public async Task Organisation_Saved_StoredWithVersionAndTimes()
    {
        var cvr = TestIds.Cvr();
        var unit = TestIds.ProductionUnit();

        var saved = await Organisation(cvr).SaveAsync("r1", BusinessData.Details(" Testfirma ApS ", units: [unit, unit]));

        Assert.Equal(cvr, saved.Cvr);
        Assert.Equal(1, saved.Version);
        Assert.Equal("Testfirma ApS", saved.Details.Name);
        Assert.Equal([unit], saved.Details.ProductionUnits);
        Assert.Equal(fixture.Time.GetUtcNow(), saved.CreatedAt);
        SameContent.Assert(saved, await Organisation(cvr).GetAsync());
    }

    // Rule: the key is a CVR number; a grain under any other key stores nothing.
    [Theory]
    [InlineData("12345678")]
    [InlineData("0000000A")]
    public async Task Organisation_KeyNotACvr_RefusedNothingStored(string key)
    {
        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => Organisation(key).SaveAsync("r1", BusinessData.Details()));

        Assert.Equal("organisation.cvr-invalid", refused.Code);
        Assert.Null(await Organisation(key).GetAsync());
    }

    // Rule: bad details are refused with their own code and nothing is stored.
    [Theory]
    [InlineData("name", "organisation.name-invalid")]
    [InlineData("unit", "organisation.production-unit-invalid")]
    [InlineData("se", "organisation.se-number-invalid")]
    [InlineData("status", "organisation.status-invalid")]
    [InlineData("admin", "organisation.administrator-invalid")]
    public async Task Organisation_BadDetails_RefusedWithCodeNothingStored(string defect, string code)
    {
        var cvr = TestIds.Cvr();
        var details = defect switch
        {
            "name" => BusinessData.Details(name: "  "),
            "unit" => BusinessData.Details(units: ["123456789"]),
            "se" => BusinessData.Details(seNumbers: ["1234567X"]),
            "status" => BusinessData.Details(status: (OrganisationStatus)7),
            _ => BusinessData.Details(administrators: [Guid.NewGuid()]),
        };

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => Organisation(cvr).SaveAsync("r1", details));

        Assert.Equal(code, refused.Code);
        Assert.Null(await Organisation(cvr).GetAsync());
    }

    // Rule: a repeated request with the same content answers the first result and changes nothing.
    [Fact]
    public async Task Organisation_SameRequestSameContent_FirstResultAgain()
    {
        var cvr = TestIds.Cvr();
        var first = await Organisation(cvr).SaveAsync("save-1", BusinessData.Details("Navn A"));
        fixture.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await Organisation(cvr).SaveAsync("save-2", BusinessData.Details("Navn B"));

        var repeat = await Organisation(cvr).SaveAsync("save-1", BusinessData.Details("Navn A"));

        SameContent.Assert(first, repeat);
        SameContent.Assert(second, await Organisation(cvr).GetAsync());
    }

    // Rule: the same request id with other content is refused, and the stored organisation is untouched.
    [Fact]
    public async Task Organisation_SameRequestOtherContent_Refused()
    {
        var cvr = TestIds.Cvr();
        var first = await Organisation(cvr).SaveAsync("save-1", BusinessData.Details("Navn A"));

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => Organisation(cvr).SaveAsync("save-1", BusinessData.Details("Navn B")));

        Assert.Equal("request.id-reused", refused.Code);
        SameContent.Assert(first, await Organisation(cvr).GetAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("æøå")]
    public async Task Organisation_MalformedRequestId_Refused(string requestId)
    {
        var cvr = TestIds.Cvr();

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => Organisation(cvr).SaveAsync(requestId, BusinessData.Details()));

        Assert.Equal("request.id-invalid", refused.Code);
        Assert.Null(await Organisation(cvr).GetAsync());
    }

    // Rule: closed is final.
    [Fact]
    public async Task Organisation_Closed_ChangesNoMore()
    {
        var cvr = TestIds.Cvr();
        await Organisation(cvr).SaveAsync("r1", BusinessData.Details(status: OrganisationStatus.Closed));

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => Organisation(cvr).SaveAsync("r2", BusinessData.Details()));

        Assert.Equal("organisation.closed", refused.Code);
        Assert.Equal(OrganisationStatus.Closed, (await Organisation(cvr).GetAsync())!.Details.Status);
    }

    // Rule: administrators are the organisation's own employees.
    [Fact]
    public async Task Organisation_AdministratorIsEmployee_Accepted()
    {
        var cvr = TestIds.Cvr();
        await Organisation(cvr).SaveAsync("r1", BusinessData.Details());
        var employee = await Organisation(cvr).AddEmployeeAsync("e1", BusinessData.NewEmployee());

        var saved = await Organisation(cvr).SaveAsync("r2", BusinessData.Details(administrators: [employee.Id]));

        Assert.Equal([employee.Id], saved.Details.Administrators);
        Assert.Equal(2, saved.Version);
    }

    [Fact]
    public async Task Organisation_AnotherOrganisationsEmployeeAsAdministrator_Refused()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);
        var cvr = TestIds.Cvr();
        await Organisation(cvr).SaveAsync("r1", BusinessData.Details());

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => Organisation(cvr).SaveAsync("r2", BusinessData.Details(administrators: [data.EmployeeId])));

        Assert.Equal("organisation.administrator-invalid", refused.Code);
    }

    [Fact]
    public async Task Employee_Added_ActiveListedAndStored()
    {
        var cvr = TestIds.Cvr();
        var unit = TestIds.ProductionUnit();
        await Organisation(cvr).SaveAsync("r1", BusinessData.Details(units: [unit]));

        var created = await Organisation(cvr).AddEmployeeAsync("e1", BusinessData.NewEmployee(loa: LevelOfAssurance.High, unit: unit));

        Assert.Equal(BusinessIdentityStatus.Active, created.Status);
        Assert.Equal(cvr, created.Cvr);
        Assert.Equal(unit, created.ProductionUnit);
        Assert.Equal([created.Id], await Organisation(cvr).ListEmployeesAsync());
        SameContent.Assert(created, await fixture.Grains.GetGrain<IBusinessIdentityGrain>(created.Id).GetAsync());
    }

    // Rule: a repeated creation creates no second identity; its answer is the first one's.
    [Fact]
    public async Task Employee_SameRequestTwice_OneIdentity()
    {
        var cvr = TestIds.Cvr();
        await Organisation(cvr).SaveAsync("r1", BusinessData.Details());
        var person = Guid.NewGuid();

        var first = await Organisation(cvr).AddEmployeeAsync("e1", BusinessData.NewEmployee(person));
        fixture.Time.Advance(TimeSpan.FromSeconds(5));
        var again = await Organisation(cvr).AddEmployeeAsync("e1", BusinessData.NewEmployee(person));

        SameContent.Assert(first, again);
        Assert.Single(await Organisation(cvr).ListEmployeesAsync());
        Assert.Single(await fixture.Grains.GetGrain<IBusinessIdentityIndexGrain>(person).ListAsync());
    }

    [Fact]
    public async Task Employee_SameRequestOtherContent_RefusedNoSecondIdentity()
    {
        var cvr = TestIds.Cvr();
        await Organisation(cvr).SaveAsync("r1", BusinessData.Details());
        await Organisation(cvr).AddEmployeeAsync("e1", BusinessData.NewEmployee(loa: LevelOfAssurance.Substantial));

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => Organisation(cvr).AddEmployeeAsync("e1", BusinessData.NewEmployee(loa: LevelOfAssurance.High)));

        Assert.Equal("request.id-reused", refused.Code);
        Assert.Single(await Organisation(cvr).ListEmployeesAsync());
    }

    // Rule: an employee's P unit and SE number are the organisation's own.
    [Theory]
    [InlineData("unit")]
    [InlineData("se")]
    public async Task Employee_ForeignUnitOrSeNumber_RefusedNothingCreated(string which)
    {
        var cvr = TestIds.Cvr();
        await Organisation(cvr).SaveAsync("r1", BusinessData.Details(units: [TestIds.ProductionUnit()], seNumbers: [TestIds.SeNumber()]));
        var employee = which == "unit" ? BusinessData.NewEmployee(unit: TestIds.ProductionUnit()) : BusinessData.NewEmployee(se: TestIds.SeNumber());

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => Organisation(cvr).AddEmployeeAsync("e1", employee));

        Assert.Equal("organisation.scope-not-owned", refused.Code);
        Assert.Empty(await Organisation(cvr).ListEmployeesAsync());
    }

    [Fact]
    public async Task Employee_UnknownOrganisation_Refused()
    {
        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => Organisation(TestIds.Cvr()).AddEmployeeAsync("e1", BusinessData.NewEmployee()));

        Assert.Equal("organisation.unknown", refused.Code);
    }

    // Rule: a suspended or closed organisation gets no new employees.
    [Theory]
    [InlineData(OrganisationStatus.Suspended)]
    [InlineData(OrganisationStatus.Closed)]
    public async Task Employee_OrganisationNotActive_Refused(OrganisationStatus status)
    {
        var cvr = TestIds.Cvr();
        await Organisation(cvr).SaveAsync("r1", BusinessData.Details(status: status));

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => Organisation(cvr).AddEmployeeAsync("e1", BusinessData.NewEmployee()));

        Assert.Equal("organisation.not-active", refused.Code);
        Assert.Empty(await Organisation(cvr).ListEmployeesAsync());
    }

    [Theory]
    [InlineData(LevelOfAssurance.None)]
    [InlineData((LevelOfAssurance)9)]
    public async Task Employee_LevelNotLowSubstantialHigh_Refused(LevelOfAssurance loa)
    {
        var cvr = TestIds.Cvr();
        await Organisation(cvr).SaveAsync("r1", BusinessData.Details());

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => Organisation(cvr).AddEmployeeAsync("e1", BusinessData.NewEmployee(loa: loa)));

        Assert.Equal("employee.loa-invalid", refused.Code);
    }

    // Rule: the state survives deactivation (it is written before the answer).
    [Fact]
    public async Task Organisation_Reactivated_ReadsWhatWasWritten()
    {
        var cvr = TestIds.Cvr();
        var saved = await Organisation(cvr).SaveAsync("r1", BusinessData.Details(units: [TestIds.ProductionUnit()]));
        var employee = await Organisation(cvr).AddEmployeeAsync("e1", BusinessData.NewEmployee());

        await fixture.Cluster.DeactivateAsync(Organisation(cvr));

        Assert.Equal(saved.Details.ProductionUnits, (await Organisation(cvr).GetAsync())!.Details.ProductionUnits);
        Assert.Equal([employee.Id], await Organisation(cvr).ListEmployeesAsync());
        SameContent.Assert(employee, await Organisation(cvr).AddEmployeeAsync("e1", BusinessData.NewEmployee()));
    }
}
