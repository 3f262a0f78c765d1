using System.Globalization;
using NemLogin.Grains.Identities;

namespace NemLogin.Gateway.Tests.Support;

/// <summary>People who are not simulator users: an identity with a fresh CPR number, as one who has logged in once has.</summary>
public static class TestPeople
{
    /// <summary>A person of <paramref name="age"/> (two days past the birthday), found through the CPR index like anyone who has logged in.</summary>
    public static async Task<(Guid Id, string Cpr)> CreateAsync(IGrainFactory grains, int age, string givenName = "Test", string familyName = "Person")
    {
        var born = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-age).AddDays(-2);
        var cpr = born.ToString("ddMMyy", CultureInfo.InvariantCulture) + Random.Shared.Next(1000, 10000).ToString(CultureInfo.InvariantCulture);
        var id = Guid.NewGuid();
        await grains.GetGrain<IIdentityGrain>(id).UpdateFromUpstreamAsync(new PersonAttributes(givenName, familyName, born, cpr, null));
        return (id, cpr);
    }
}
