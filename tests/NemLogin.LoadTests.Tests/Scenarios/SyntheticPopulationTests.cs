using System.Globalization;
using NemLogin.Population;
using Xunit;

namespace NemLogin.LoadTests.Tests.Scenarios;

/// <summary>The synthetic national population: its figures, its determinism, and that its people and numbers are fictitious and well formed.</summary>
public sealed class SyntheticPopulationTests
{
    private static readonly DateOnly Base = new(2027, 1, 1);

    [Fact]
    public void Counts_AtScaleOne_AreTheNationalFigures()
    {
        var counts = PopulationCounts.At(1);

        Assert.Equal((1_000_000, 340_000, 1_236_379, 3_252_353), (counts.People, counts.Organisations, counts.BusinessIdentities, counts.Mandates));
    }

    [Theory]
    [InlineData(0.001, 1_000, 340, 1_236, 3_252)]
    [InlineData(0.00001, 10, 3, 12, 33)]
    [InlineData(1e-9, 1, 1, 1, 1)]
    public void Counts_AtAFraction_RoundToTheNearestAndKeepOneOfEach(double scale, int people, int organisations, int employees, int mandates)
    {
        var counts = PopulationCounts.At(scale);

        Assert.Equal((people, organisations, employees, mandates), (counts.People, counts.Organisations, counts.BusinessIdentities, counts.Mandates));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("2.5")]
    [InlineData("NaN")]
    [InlineData("one")]
    public void Scale_OutsideItsRange_IsRefused(string text) => Assert.False(PopulationCounts.TryParseScale(text, out _));

    [Fact]
    public void People_SameIndex_SamePerson_AndTheUserNameFindsThem()
    {
        var person = SyntheticPeople.Get(42);

        Assert.Equal(person, SyntheticPeople.Get(42));
        Assert.Equal("syn-0000042", person.Username);
        Assert.Equal(person, SyntheticPeople.Find(" SYN-0000042 "));
        Assert.StartsWith("5eed", person.MitIdUuid.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("Syntetisk-", person.FamilyName, StringComparison.Ordinal);
        Assert.EndsWith("@synthetic.nemlogin.test", person.Email, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("syn-42")]
    [InlineData("syn-00000x2")]
    [InlineData("syn-9999999")]
    [InlineData("")]
    public void People_UserNameNotOfTheScheme_FindsNobody(string username) => Assert.Null(SyntheticPeople.Find(username));

    // Rule: CPR numbers are the simulator's fictitious kind (birth date, sequence 9000–9899), unique, and every person is
    // old enough to give a citizen mandate (15) on any day from 2021 on.
    [Fact]
    public void People_EveryCprNumber_IsUniqueFictitiousAndMatchesTheBirthDate()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var index in Enumerable.Range(0, 60_000).Concat([SyntheticPeople.MaxPeople - 1]))
        {
            var person = SyntheticPeople.Get(index);
            Assert.True(seen.Add(person.CprNumber), person.CprNumber);
            Assert.Equal(person.DateOfBirth.ToString("ddMMyy", CultureInfo.InvariantCulture), person.CprNumber[..6]);
            Assert.InRange(int.Parse(person.CprNumber[6..], CultureInfo.InvariantCulture), 9000, 9899);
            Assert.True(person.DateOfBirth <= new DateOnly(2006, 1, 1), person.CprNumber);
        }
    }

    [Fact]
    public void Organisations_CvrNumbers_AreValidUniqueAndClearOfTheLoadRunnersOwn()
    {
        var cvrs = Enumerable.Range(0, 20_000).Select(i => SyntheticOrganisations.Get(i).Cvr).ToList();

        Assert.Equal(cvrs.Count, cvrs.Distinct(StringComparer.Ordinal).Count());
        Assert.All(cvrs, cvr => Assert.Equal(0, cvr.Select((d, i) => (d - '0') * new[] { 2, 7, 6, 5, 4, 3, 2, 1 }[i]).Sum() % 11));
        Assert.All(cvrs, cvr => Assert.StartsWith("6", cvr, StringComparison.Ordinal));
        Assert.Equal("Syntetisk Virksomhed 1 ApS", SyntheticOrganisations.Get(0).Name);
    }

    [Fact]
    public void Mandates_NeverFromTheGranteeThemself_AndListedUnderTheirGrantee()
    {
        var plan = PopulationPlan.At(0.001, Base);

        for (var m = 0; m < plan.Counts.Mandates; m++)
        {
            var mandate = plan.Mandate(m);
            Assert.NotEqual(mandate.GranteeIndex, mandate.GrantorPersonIndex);
            Assert.Contains(mandate, plan.MandatesOf(mandate.GranteeIndex));
            Assert.True(mandate.IsCitizen == (m % 2 == 0), $"mandate {m}");
        }

        Assert.Equal(plan.Counts.Mandates, Enumerable.Range(0, plan.Counts.People).Sum(g => plan.MandatesOf(g).Count()));
    }

    // Rule: a grantor's ledger is one grain's state; grantors drawn evenly keep every ledger small (a grantor may give at
    // most 10,000), as they are nationally.
    [Fact]
    public void Mandates_GrantorsSpreadEvenly_NoneGivesMoreThanAFewDozen()
    {
        var plan = PopulationPlan.At(0.05, Base);
        var mandates = Enumerable.Range(0, plan.Counts.Mandates).Select(plan.Mandate).ToList();

        var byPerson = mandates.Where(m => m.IsCitizen).GroupBy(m => m.GrantorPersonIndex).Max(g => g.Count());
        var byOrganisation = mandates.Where(m => !m.IsCitizen).GroupBy(m => m.GrantorOrganisationIndex).Max(g => g.Count());

        Assert.InRange(byPerson, 1, 30);
        Assert.InRange(byOrganisation, 1, 40);
    }

    [Fact]
    public void Mandates_ThreeInFourEndWithinTwoYearsOfTheBase_TheRestRunUntilRevoked()
    {
        var plan = PopulationPlan.At(0.001, Base);
        var ends = Enumerable.Range(0, plan.Counts.Mandates).Select(m => plan.ValidTo(plan.Mandate(m))).ToList();

        Assert.Equal(ends.Count(e => e is null), (plan.Counts.Mandates + 3) / 4);
        Assert.All(ends.OfType<DateTimeOffset>(), e => Assert.InRange(e, new DateTimeOffset(2027, 1, 2, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2029, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Plan_TwoPlansOfOneScale_AreTheSame()
    {
        var first = PopulationPlan.At(0.001, Base);
        var second = PopulationPlan.At(0.001, Base);

        Assert.Equal(Enumerable.Range(0, first.Counts.Mandates).Select(first.Mandate), Enumerable.Range(0, second.Counts.Mandates).Select(second.Mandate));
        Assert.Equal(Enumerable.Range(0, first.Counts.BusinessIdentities).Select(first.Employee), Enumerable.Range(0, second.Counts.BusinessIdentities).Select(second.Employee));
    }
}
