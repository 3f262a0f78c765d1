using NemLogin.Demo.MitIdSimulator;
using NemLogin.Grains.Assurance;
using Xunit;

namespace NemLogin.Gateway.Tests.MitIdSimulator;

public sealed class TestUsersTests
{
    [Theory]
    [InlineData("alice", LevelOfAssurance.Substantial)]
    [InlineData("bent", LevelOfAssurance.High)]
    [InlineData("carl", LevelOfAssurance.Low)]
    [InlineData("dorte", LevelOfAssurance.Substantial)]
    public void Find_KnownUsername_ReturnsUserWithTheirLevel(string username, LevelOfAssurance loa) =>
        Assert.Equal(loa, TestUsers.Find(username)!.Loa);

    [Fact]
    public void Find_DifferentCaseAndSpaces_FindsTheUser() =>
        Assert.Same(TestUsers.Alice, TestUsers.Find("  ALICE "));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("mallory")]
    [InlineData("syn-12")]
    [InlineData("syn-9999999")]
    public void Find_UnknownUsername_ReturnsNull(string? username) =>
        Assert.Null(TestUsers.Find(username));

    // The seeded national population logs in through the simulator as the people the seed filed (same MitID UUID, CPR).
    [Fact]
    public void Find_SyntheticUsername_ReturnsThePopulationsPersonAtSubstantial()
    {
        var user = TestUsers.Find("syn-0000042")!;
        var person = NemLogin.Population.SyntheticPeople.Get(42);

        Assert.Equal((person.MitIdUuid, person.CprNumber, person.GivenName, person.FamilyName, person.DateOfBirth), (user.MitIdUuid, user.CprNumber, user.GivenName, user.FamilyName, user.DateOfBirth));
        Assert.Equal(LevelOfAssurance.Substantial, user.Loa);
        Assert.DoesNotContain(user, TestUsers.All);
    }

    [Fact]
    public void All_Users_HaveDistinctIdentifiersAndCprMatchingBirthDate()
    {
        Assert.Equal(TestUsers.All.Count, TestUsers.All.Select(u => u.MitIdUuid).Distinct().Count());
        Assert.Equal(TestUsers.All.Count, TestUsers.All.Select(u => u.CprNumber).Distinct().Count());
        Assert.All(TestUsers.All, u => Assert.StartsWith(u.DateOfBirth.ToString("ddMMyy", System.Globalization.CultureInfo.InvariantCulture), u.CprNumber, StringComparison.Ordinal));
    }
}
