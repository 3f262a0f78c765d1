using System.Globalization;
using NemLogin.Gateway.Mandates;
using NemLogin.Grains.Identities;
using NemLogin.Grains;

namespace NemLogin.Gateway.SelfService;

/// <summary>
/// Finds the person a form names by CPR number and name, as the Danish mandate service asks for both: the number alone
/// would let a typo give a stranger a mandate. The number is looked up in the CPR index (so only someone who has logged in
/// at the broker is found) and the name must be the identity's own (case and spacing aside). A wrong name and an unknown
/// number answer alike, so the form tells no one whether a number belongs to anybody.
/// </summary>
internal sealed class PersonLookup(IGrainFactory grains)
{
    private static readonly CompareInfo Danish = CultureInfo.GetCultureInfo("da-DK").CompareInfo;

    /// <summary>The CPR number as typed, without spaces and the hyphen after the date; null unless 10 digits remain.</summary>
    public static string? NormaliseCpr(string? typed)
    {
        var digits = new string((typed ?? string.Empty).Where(c => c is not (' ' or '-')).ToArray());
        return digits.Length == 10 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>The private identity holding <paramref name="cprNumber"/> whose name is <paramref name="name"/>, or null.</summary>
    public async Task<Guid?> FindAsync(string cprNumber, string name)
    {
        var holders = await CprHolders.FindAsync(grains, cprNumber);
        if (holders.Length != 1 || await grains.Reference<IIdentityGrain>(holders[0]).GetAsync() is not { } profile)
        {
            return null;
        }

        var known = Words($"{profile.Attributes.GivenName} {profile.Attributes.FamilyName}");
        return Danish.Compare(known, Words(name), CompareOptions.IgnoreCase) == 0 ? profile.Id : null;
    }

    private static string Words(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
