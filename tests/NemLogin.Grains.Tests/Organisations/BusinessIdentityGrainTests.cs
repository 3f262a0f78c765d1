using NemLogin.Grains.BusinessIdentities;

namespace NemLogin.Grains.Tests.Organisations;

/// <summary>Business identities: status (suspend, reactivate, revoke is final), binding to a person, the person's index in step.</summary>
[Collection(ClusterCollection.Name)]
public sealed class BusinessIdentityGrainTests(ClusterFixture fixture)
{
    // Rule: a bound identity is in its person's index from its creation, with its organisation and status.
    [Fact]
    public async Task Index_Created_ListsTheIdentity()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);

        var entry = Assert.Single(await data.PersonIndex.ListAsync());

        Assert.Equal(new BusinessIdentityEntry(data.EmployeeId, data.Cvr, BusinessIdentityStatus.Active), entry);
    }

    [Fact]
    public async Task Index_TwoOrganisations_BothListed()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);
        var other = TestIds.Cvr();
        await fixture.Grains.GetGrain<Grains.Organisations.IOrganisationGrain>(other).SaveAsync("r1", BusinessData.Details("Anden ApS"));

        var second = await fixture.Grains.GetGrain<Grains.Organisations.IOrganisationGrain>(other).AddEmployeeAsync("e1", BusinessData.NewEmployee(data.PersonId));

        var listed = await data.PersonIndex.ListAsync();
        Assert.Equal(2, listed.Length);
        Assert.Contains(listed, e => e.Id == second.Id && e.Cvr == other);
        Assert.Contains(listed, e => e.Id == data.EmployeeId && e.Cvr == data.Cvr);
    }

    // Rule: the index follows status changes, and a revoked identity leaves it.
    [Fact]
    public async Task Index_SuspendedThenRevoked_StatusThenGone()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);

        await data.Employee.SetStatusAsync("s1", BusinessIdentityStatus.Suspended);
        var suspended = Assert.Single(await data.PersonIndex.ListAsync()).Status;
        await data.Employee.SetStatusAsync("s2", BusinessIdentityStatus.Revoked);

        Assert.Equal(BusinessIdentityStatus.Suspended, suspended);
        Assert.Empty(await data.PersonIndex.ListAsync());
    }

    // Rule: binding a person later puts the identity in that person's index.
    [Fact]
    public async Task Bind_UnboundIdentity_IndexedUnderThePerson()
    {
        var cvr = TestIds.Cvr();
        var organisation = fixture.Grains.GetGrain<Grains.Organisations.IOrganisationGrain>(cvr);
        await organisation.SaveAsync("r1", BusinessData.Details());
        var created = await organisation.AddEmployeeAsync("e1", BusinessData.NewEmployee());
        var person = Guid.NewGuid();

        var receipt = await fixture.Grains.GetGrain<IBusinessIdentityGrain>(created.Id).BindPersonAsync("b1", person);

        Assert.Equal(2, receipt.Version);
        Assert.Equal(person, (await fixture.Grains.GetGrain<IBusinessIdentityGrain>(created.Id).GetAsync())!.PersonId);
        Assert.Equal(created.Id, Assert.Single(await fixture.Grains.GetGrain<IBusinessIdentityIndexGrain>(person).ListAsync()).Id);
    }

    // Rule: an identity bound to one person is never moved to another.
    [Fact]
    public async Task Bind_AnotherPerson_RefusedIndexUnchanged()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);
        var other = Guid.NewGuid();

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => data.Employee.BindPersonAsync("b1", other));

        Assert.Equal("employee.already-bound", refused.Code);
        Assert.Equal(data.PersonId, (await data.Employee.GetAsync())!.PersonId);
        Assert.Empty(await fixture.Grains.GetGrain<IBusinessIdentityIndexGrain>(other).ListAsync());
    }

    [Fact]
    public async Task Status_SuspendAndReactivate_VersionsCount()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);

        var suspended = await data.Employee.SetStatusAsync("s1", BusinessIdentityStatus.Suspended);
        var active = await data.Employee.SetStatusAsync("s2", BusinessIdentityStatus.Active);

        Assert.Equal(2, suspended.Version);
        Assert.Equal(3, active.Version);
        Assert.Equal(BusinessIdentityStatus.Active, (await data.Employee.GetAsync())!.Status);
    }

    // Rule: revoked is final; the rights are gone with it.
    [Fact]
    public async Task Status_Revoked_NoWayBackAndRightsGone()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);
        await data.GrantAsync(data.Right());
        await data.Employee.SetStatusAsync("s1", BusinessIdentityStatus.Revoked);

        var reactivate = await Assert.ThrowsAsync<GrainRuleException>(() => data.Employee.SetStatusAsync("s2", BusinessIdentityStatus.Active));
        var bind = await Assert.ThrowsAsync<GrainRuleException>(() => data.Employee.BindPersonAsync("b1", Guid.NewGuid()));

        Assert.Equal("employee.revoked", reactivate.Code);
        Assert.Equal("employee.revoked", bind.Code);
        var stored = await data.Employee.GetAsync();
        Assert.Equal(BusinessIdentityStatus.Revoked, stored!.Status);
        Assert.Empty(stored.Rights);
    }

    [Fact]
    public async Task Status_RevokedAgain_NoChange()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);
        var revoked = await data.Employee.SetStatusAsync("s1", BusinessIdentityStatus.Revoked);

        var again = await data.Employee.SetStatusAsync("s2", BusinessIdentityStatus.Revoked);

        Assert.Equal(revoked.Version, again.Version);
    }

    [Fact]
    public async Task Status_UnknownIdentity_Refused()
    {
        var refused = await Assert.ThrowsAsync<GrainRuleException>(
            () => fixture.Grains.GetGrain<IBusinessIdentityGrain>(Guid.NewGuid()).SetStatusAsync("s1", BusinessIdentityStatus.Suspended));

        Assert.Equal("employee.unknown", refused.Code);
    }

    // Rule: idempotency — the same request again answers the first receipt, even after later changes.
    [Fact]
    public async Task Status_SameRequestAgainAfterLaterChange_FirstReceiptNoChange()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);
        var first = await data.Employee.SetStatusAsync("s1", BusinessIdentityStatus.Suspended);
        await data.Employee.SetStatusAsync("s2", BusinessIdentityStatus.Active);

        var repeat = await data.Employee.SetStatusAsync("s1", BusinessIdentityStatus.Suspended);

        Assert.Equal(first, repeat);
        Assert.Equal(BusinessIdentityStatus.Active, (await data.Employee.GetAsync())!.Status);
    }

    [Fact]
    public async Task Status_SameRequestOtherContent_Refused()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);
        await data.Employee.SetStatusAsync("s1", BusinessIdentityStatus.Suspended);

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => data.Employee.SetStatusAsync("s1", BusinessIdentityStatus.Revoked));

        Assert.Equal("request.id-reused", refused.Code);
        Assert.Equal(BusinessIdentityStatus.Suspended, (await data.Employee.GetAsync())!.Status);
    }

    // Rule: the organisation grain alone creates identities; another creation under a used id is a conflict.
    [Fact]
    public async Task Create_ExistingIdWithOtherContent_Refused()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => data.Employee.CreateAsync(TestIds.Cvr(), BusinessData.NewEmployee(data.PersonId)));

        Assert.Equal("employee.exists", refused.Code);
        Assert.Equal(data.Cvr, (await data.Employee.GetAsync())!.Cvr);
    }
}
