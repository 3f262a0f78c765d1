using NemLogin.LoadTests.Scenarios.Professional;
using Xunit;

namespace NemLogin.LoadTests.Tests.Scenarios;

public sealed class ProfessionalPopulationTests
{
    private static readonly int[] Weights = [2, 7, 6, 5, 4, 3, 2, 1];

    [Fact]
    public void Cvrs_AreEightDigitsModulus11InTheLoadRange()
    {
        var cvrs = ProfessionalPopulation.Cvrs().Take(50).ToList();

        Assert.Equal(50, cvrs.Distinct().Count());
        Assert.All(cvrs, cvr =>
        {
            Assert.Equal(8, cvr.Length);
            Assert.StartsWith("399", cvr, StringComparison.Ordinal);
            Assert.Equal(0, cvr.Select((d, i) => (d - '0') * Weights[i]).Sum() % 11);
        });
    }

    [Fact]
    public void Plan_SpreadsOrganisationsOverTheUsersWithDifferentPrivilegeCounts()
    {
        var plan = ProfessionalPopulation.Plan(["alice", "bent", "dorte"]);

        Assert.Equal(ProfessionalPopulation.DefaultOrganisations, plan.Count);
        Assert.Equal(plan.Count, plan.Select(o => o.Cvr).Distinct().Count());
        Assert.All(plan.GroupBy(o => o.Employee), g => Assert.Equal(4, g.Count()));
        Assert.All(plan.GroupBy(o => o.Employee), g => Assert.Equal([1, 2, 3], g.Select(o => o.PrivilegeCount).Distinct().Order()));
        Assert.Equal("Load Organisation 01 ApS", plan[0].Name);
        Assert.Equal(plan, ProfessionalPopulation.Plan(["alice", "bent", "dorte"]));
    }

    [Fact]
    public void Plan_UserTheSimulatorDoesNotKnow_IsRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => ProfessionalPopulation.Plan(["alice", "zelda"]));

        Assert.Contains("zelda", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Privileges_AreNamedAfterTheServiceProvider()
    {
        Assert.Equal(
            ["https://load.nemlogin.test/sp-001/privileges/1", "https://load.nemlogin.test/sp-001/privileges/2"],
            ProfessionalPopulation.Privileges("sp-001", 2));
    }

    [Fact]
    public void RequestId_SameChangeSameId_OtherChangeOtherId_AndWellFormed()
    {
        var id = ProfessionalSetUp.RequestId(HttpMethod.Put, "api/admin/organisations/39900001", "{\"name\":\"A\"}");

        Assert.Equal(id, ProfessionalSetUp.RequestId(HttpMethod.Put, "api/admin/organisations/39900001", "{\"name\":\"A\"}"));
        Assert.NotEqual(id, ProfessionalSetUp.RequestId(HttpMethod.Put, "api/admin/organisations/39900001", "{\"name\":\"B\"}"));
        Assert.InRange(id.Length, 1, 128);
        Assert.All(id, c => Assert.InRange(c, '!', '~'));
    }
}
