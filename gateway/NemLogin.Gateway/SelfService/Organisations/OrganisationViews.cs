using NemLogin.Gateway.ItSystems;
using NemLogin.Gateway.SelfService.Mandates;
using NemLogin.Grains.BusinessIdentities;
using NemLogin.Grains.Identities;
using NemLogin.Grains.Mandates;
using NemLogin.Grains.Organisations;
using NemLogin.Grains.Rights;
using NemLogin.Grains;

namespace NemLogin.Gateway.SelfService.Organisations;

/// <summary>Loads an organisation's page: employees from its list (revoked ones left out), business mandates, IT systems.</summary>
internal sealed class OrganisationViews(IGrainFactory grains, ItSystemDirectory directory, MandateViews mandates)
{
    public async Task<OrganisationView?> ForAsync(string cvr)
    {
        if (await grains.Reference<IOrganisationGrain>(cvr).GetAsync() is not { } organisation)
        {
            return null;
        }

        var mandatesCall = mandates.OverviewAsync(MandateParty.Organisation(cvr));
        var all = await directory.ListAsync();
        var catalogues = await directory.CataloguesAsync(all.Select(s => s.System));
        var ids = await grains.Reference<IOrganisationGrain>(cvr).ListEmployeesAsync();
        var identities = (await Task.WhenAll(ids.Select(id => grains.Reference<IBusinessIdentityGrain>(id).GetAsync())))
            .OfType<BusinessIdentity>().Where(i => i.Status != BusinessIdentityStatus.Revoked).ToList();
        var names = all.ToDictionary(s => s.System, s => s.DisplayName);
        var employees = await Task.WhenAll(identities.Select(async identity => new EmployeeView(
            identity,
            identity.PersonId is { } personId && await grains.Reference<IIdentityGrain>(personId).GetAsync() is { } person
                ? $"{person.Attributes.GivenName} {person.Attributes.FamilyName}".Trim()
                : null,
            [.. identity.Rights.Select(r => new RightView(
                r,
                names.GetValueOrDefault(r.System, r.System.Id),
                catalogues.TryGetValue(r.System, out var catalogue) ? catalogue.Find(r.Privilege)?.Name ?? r.Privilege : r.Privilege))])));
        return new OrganisationView(
            organisation,
            [.. employees.OrderBy(e => e.PersonName ?? "\uffff", StringComparer.CurrentCulture).ThenBy(e => e.Identity.Id)],
            await mandatesCall,
            [.. all.Where(s => s.Enabled)],
            catalogues,
            [.. all.Where(s => s.OwnerCvr == cvr).Select(s => (s, catalogues.GetValueOrDefault(s.System)))]);
    }
}
