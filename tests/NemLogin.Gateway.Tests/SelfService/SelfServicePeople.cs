using NemLogin.Demo.MitIdSimulator;
using NemLogin.Gateway.Mandates;
using NemLogin.Grains.Mandates;
using Xunit;

namespace NemLogin.Gateway.Tests.SelfService;

/// <summary>The simulator's people as the self-service tests name them, and their identities once they have logged in.</summary>
public static class SelfServicePeople
{
    public static TestUser Alice => TestUsers.Alice;

    public static TestUser Bent => TestUsers.Bent;

    public static TestUser Carl => TestUsers.Carl;

    public static TestUser Dorte => TestUsers.Dorte;

    public static string Name(TestUser user) => user.GivenName + " " + user.FamilyName;

    /// <summary>The identity holding the user's CPR number (the user must have logged in, or be seeded by the demo).</summary>
    public static async Task<Guid> IdentityAsync(IGrainFactory grains, TestUser user) =>
        Assert.Single(await CprHolders.FindAsync(grains, user.CprNumber));

    /// <summary>The mandates a person has given, most recent last.</summary>
    public static async Task<IReadOnlyList<Guid>> GivenAsync(IGrainFactory grains, Guid person) =>
        await grains.GetGrain<IMandateGrantorGrain>(MandateParty.Person(person).Id).ListAsync();
}
