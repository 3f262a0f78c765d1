using NemLogin.Grains.Assurance;
using NemLogin.Grains.BusinessIdentities;
using NemLogin.Grains.Organisations;
using NemLogin.Grains;

namespace NemLogin.Gateway.SelfService;

/// <summary>
/// Which organisations a person administers: those where one of the person's own business identities (found through the
/// person's index, no scan) is active, at Substantial or above, still bound to the person, and named among the
/// organisation's administrators, and the organisation is active. Asked again on every request, so a change by support
/// staff (an administrator removed, an identity suspended) counts at once.
/// </summary>
internal sealed class AdministeredOrganisations(IGrainFactory grains)
{
    public async Task<IReadOnlyList<AdministeredOrganisation>> ForAsync(Guid personId)
    {
        var entries = await grains.Reference<IBusinessIdentityIndexGrain>(personId).ListAsync();
        var found = await Task.WhenAll(entries.Where(e => e.Status == BusinessIdentityStatus.Active).Select(e => CheckAsync(personId, e)));
        return [.. found.OfType<AdministeredOrganisation>().OrderBy(o => o.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(o => o.Cvr, StringComparer.Ordinal)];
    }

    private async Task<AdministeredOrganisation?> CheckAsync(Guid personId, BusinessIdentityEntry entry)
    {
        var organisationCall = grains.Reference<IOrganisationGrain>(entry.Cvr).GetAsync();
        var identity = await grains.Reference<IBusinessIdentityGrain>(entry.Id).GetAsync();
        var organisation = await organisationCall;
        return identity is { Status: BusinessIdentityStatus.Active, Loa: >= LevelOfAssurance.Substantial } && identity.PersonId == personId && identity.Cvr == entry.Cvr
            && organisation is { Details.Status: OrganisationStatus.Active } && organisation.Details.Administrators.Contains(entry.Id)
            ? new AdministeredOrganisation(organisation.Cvr, organisation.Details.Name, entry.Id)
            : null;
    }
}
