using NemLogin.Grains.OrganisationIdps;
using NemLogin.Grains.Organisations;
using NemLogin.Grains;

namespace NemLogin.Gateway.Upstream.Organisations;

/// <summary>Finds an organisation's own IdP from what a person types on the choice page: a CVR number or a work e-mail address.</summary>
internal static class OrganisationIdpLookup
{
    /// <summary>True when any organisation has registered an IdP (only then is there a choice to offer).</summary>
    public static Task<bool> AnyAsync(IGrainFactory grains) => grains.Reference<IOrganisationIdpDirectoryGrain>(0).AnyAsync();

    /// <summary>The CVR of the organisation whose registered IdP <paramref name="input"/> names, or null.</summary>
    public static async Task<string?> FindCvrAsync(IGrainFactory grains, string? input)
    {
        var text = (input ?? string.Empty).Trim();
        if (text.Length is 0 or > 320)
        {
            return null;
        }

        // The directory answers first, so typed numbers reach an IdP grain only when its organisation has one (no activation
        // per guess); the IdP grain confirms, being the authority.
        var directory = grains.Reference<IOrganisationIdpDirectoryGrain>(0);
        if (BusinessNumbers.IsCvr(text))
        {
            return await directory.ListsAsync(text) && await grains.Reference<IOrganisationIdpGrain>(text).GetAsync() is not null ? text : null;
        }

        var at = text.LastIndexOf('@');
        return at > 0 && at < text.Length - 1 ? await directory.FindByDomainAsync(text[(at + 1)..]) : null;
    }
}
