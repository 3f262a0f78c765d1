using NemLogin.Grains.Assurance;
using NemLogin.Population;

namespace NemLogin.Demo.MitIdSimulator;

/// <summary>
/// The people the simulator knows. All data is invented: the UUIDs spell out their purpose and the CPR numbers
/// (birth date + a 9xxx sequence number) belong to no real person. Shown on the login page, README and demo pages.
/// Besides these four, the simulator logs in the seeded national population's people (<c>syn-0000000</c> and up, see
/// <see cref="SyntheticPeople"/>), derived from the user name alone and not listed on the page.
/// </summary>
public static class TestUsers
{
    public static TestUser Alice { get; } = new(
        "alice", Guid.Parse("a11ce000-0000-4000-8000-000000000001"), "Alice", "Andersen",
        new DateOnly(1985, 3, 12), "1203859901", "alice.andersen@example.com", LevelOfAssurance.Substantial);

    public static TestUser Bent { get; } = new(
        "bent", Guid.Parse("be270000-0000-4000-8000-000000000002"), "Bent", "Bentsen",
        new DateOnly(1962, 11, 5), "0511629903", "bent.bentsen@example.com", LevelOfAssurance.High);

    public static TestUser Carl { get; } = new(
        "carl", Guid.Parse("ca210000-0000-4000-8000-000000000003"), "Carl", "Christensen",
        new DateOnly(2001, 7, 30), "3007019905", "carl.christensen@example.com", LevelOfAssurance.Low);

    public static TestUser Dorte { get; } = new(
        "dorte", Guid.Parse("d0270000-0000-4000-8000-000000000004"), "Dorte", "Dahl",
        new DateOnly(1978, 1, 23), "2301789908", "dorte.dahl@example.com", LevelOfAssurance.Substantial);

    public static IReadOnlyList<TestUser> All { get; } = [Alice, Bent, Carl, Dorte];

    /// <summary>The user with this user name (case-insensitive, surrounding spaces ignored), or null.</summary>
    public static TestUser? Find(string? username)
    {
        var wanted = username?.Trim();
        return string.IsNullOrEmpty(wanted)
            ? null
            : All.FirstOrDefault(u => string.Equals(u.Username, wanted, StringComparison.OrdinalIgnoreCase)) ?? Synthetic(wanted);
    }

    /// <summary>A person of the synthetic population (at Substantial, as a seeded grantee logs in), or null.</summary>
    public static TestUser? Synthetic(string username) => SyntheticPeople.Find(username) is { } person
        ? new TestUser(person.Username, person.MitIdUuid, person.GivenName, person.FamilyName, person.DateOfBirth, person.CprNumber, person.Email, LevelOfAssurance.Substantial)
        : null;
}
