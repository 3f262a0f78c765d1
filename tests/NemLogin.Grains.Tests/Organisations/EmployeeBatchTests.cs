using System.Collections.Immutable;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.BusinessIdentities;
using NemLogin.Grains.Organisations;

namespace NemLogin.Grains.Tests.Organisations;

/// <summary>
/// An organisation's batch of new employees (the national seed's path) under the shared fake clock: the single
/// addition's rules for every item, all or nothing, idempotency by each item's request id, the batch's own bounds.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class EmployeeBatchTests(ClusterFixture fixture)
{
    private IOrganisationGrain Organisation(string cvr) => fixture.Grains.GetGrain<IOrganisationGrain>(cvr);

    private async Task<string> OrganisationAsync(OrganisationStatus status = OrganisationStatus.Active)
    {
        var cvr = TestIds.Cvr();
        await Organisation(cvr).SaveAsync("r1", BusinessData.Details(status: status));
        return cvr;
    }

    private static ImmutableArray<EmployeeAddition> Additions(params Guid[] people) =>
        [.. people.Select((person, i) => new EmployeeAddition($"e{i}", BusinessData.NewEmployee(person)))];

    // Rule: every item is a business identity as a single addition creates it: active, listed (in the order asked),
    // stored, and in its person's index.
    [Fact]
    public async Task AddEmployees_Three_EachStoredListedAndIndexed()
    {
        var cvr = await OrganisationAsync();
        var people = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };

        var created = await Organisation(cvr).AddEmployeesAsync(Additions(people));

        Assert.Equal(people, created.Select(e => e.PersonId!.Value));
        Assert.All(created, e => Assert.Equal(BusinessIdentityStatus.Active, e.Status));
        Assert.Equal(created.Select(e => e.Id), await Organisation(cvr).ListEmployeesAsync());
        foreach (var employee in created)
        {
            SameContent.Assert(employee, await fixture.Grains.GetGrain<IBusinessIdentityGrain>(employee.Id).GetAsync());
            Assert.Equal(employee.Id, Assert.Single(await fixture.Grains.GetGrain<IBusinessIdentityIndexGrain>(employee.PersonId!.Value).ListAsync()).Id);
        }
    }

    // Rule: all or nothing: one item refused (a bad level of assurance, a P unit not the organisation's) refuses the batch
    // with that item's code, and nothing is stored for any item.
    [Fact]
    public async Task AddEmployees_OneItemRefused_BatchRefusedNothingStored()
    {
        var cvr = await OrganisationAsync();
        var cases = new (string Code, EmployeeDetails Bad)[]
        {
            ("employee.loa-invalid", BusinessData.NewEmployee(loa: (LevelOfAssurance)42)),
            ("organisation.scope-not-owned", BusinessData.NewEmployee(unit: TestIds.ProductionUnit())),
        };

        foreach (var (code, bad) in cases)
        {
            var refused = await Assert.ThrowsAsync<GrainRuleException>(() =>
                Organisation(cvr).AddEmployeesAsync([new EmployeeAddition("good", BusinessData.NewEmployee()), new EmployeeAddition("bad", bad)]));
            Assert.Equal(code, refused.Code);
        }

        Assert.Empty(await Organisation(cvr).ListEmployeesAsync());
    }

    // Rule: a suspended organisation gets no new employees in a batch either.
    [Fact]
    public async Task AddEmployees_OrganisationSuspended_Refused()
    {
        var cvr = await OrganisationAsync(OrganisationStatus.Suspended);

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => Organisation(cvr).AddEmployeesAsync(Additions(Guid.NewGuid())));

        Assert.Equal("organisation.not-active", refused.Code);
        Assert.Empty(await Organisation(cvr).ListEmployeesAsync());
    }

    // Rule: every item keeps its own request id: the batch again answers the same identities and creates none; an item added
    // singly before is answered as stored beside new ones; an id reused with other content is refused.
    [Fact]
    public async Task AddEmployees_Repeated_SameIdentitiesNothingNew()
    {
        var cvr = await OrganisationAsync();
        var people = new[] { Guid.NewGuid(), Guid.NewGuid() };
        var single = await Organisation(cvr).AddEmployeeAsync("e0", BusinessData.NewEmployee(people[0]));

        var first = await Organisation(cvr).AddEmployeesAsync(Additions(people));
        fixture.Time.Advance(TimeSpan.FromSeconds(5));
        var again = await Organisation(cvr).AddEmployeesAsync(Additions(people));
        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => Organisation(cvr).AddEmployeesAsync(Additions(people[1], people[0])));

        Assert.Equal(single.Id, first[0].Id);
        Assert.Equal(first.Select(e => e.Id), again.Select(e => e.Id));
        Assert.Equal("request.id-reused", refused.Code);
        Assert.Equal(first.Select(e => e.Id), await Organisation(cvr).ListEmployeesAsync());
    }

    // Rule: a batch holds 1 to MaxBatch employees, each with its own request id; anything else is refused and stores nothing.
    [Fact]
    public async Task AddEmployees_EmptyTooLargeOrIdTwice_BatchInvalid()
    {
        var cvr = await OrganisationAsync();
        var item = new EmployeeAddition("same", BusinessData.NewEmployee());
        var cases = new ImmutableArray<EmployeeAddition>[]
        {
            [],
            default,
            [item, item with { Employee = BusinessData.NewEmployee() }],
            [.. Enumerable.Range(0, OrganisationGrain.MaxBatch + 1).Select(i => item with { RequestId = $"e{i}" })],
        };

        foreach (var additions in cases)
        {
            var refused = await Assert.ThrowsAsync<GrainRuleException>(() => Organisation(cvr).AddEmployeesAsync(additions));
            Assert.Equal("organisation.batch-invalid", refused.Code);
        }

        Assert.Empty(await Organisation(cvr).ListEmployeesAsync());
    }
}
