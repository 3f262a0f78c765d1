using NemLogin.Gateway.ItSystems;
using NemLogin.Grains.Identities;
using NemLogin.Grains.Mandates;
using NemLogin.Grains.Organisations;
using NemLogin.Grains;

namespace NemLogin.Gateway.SelfService.Mandates;

/// <summary>
/// Loads a party's mandates from the grantor's ledger and the grantee's index (no scan) and names what they refer to:
/// people by name, organisations by name and CVR number, IT systems by display name, privileges by their catalogue name.
/// </summary>
internal sealed class MandateViews(IGrainFactory grains, ItSystemDirectory directory)
{
    /// <summary>The most recent mandates a grantor's list shows (the ledger keeps every one ever given).</summary>
    public const int MaxGivenShown = 200;

    public async Task<MandateOverview> OverviewAsync(MandateParty party)
    {
        var givenCall = grains.Reference<IMandateGrantorGrain>(party.Id).ListAsync();
        var held = await grains.Reference<IMandateIndexGrain>(party.Id).ListAsync();
        var ids = (await givenCall).TakeLast(MaxGivenShown).Concat(held.Select(e => e.Id)).Distinct();
        var mandates = (await Task.WhenAll(ids.Select(id => grains.Reference<IMandateGrain>(id).GetAsync()))).OfType<Mandate>().ToList();
        var views = await DescribeAsync(mandates);
        return new MandateOverview(
            [.. views.Where(v => v.Mandate.Grantor == party && v.Mandate.Status != MandateStatus.Requested).OrderByDescending(v => v.Mandate.CreatedAt)],
            [.. views.Where(v => v.Mandate.Grantor == party && v.Mandate.Status == MandateStatus.Requested).OrderBy(v => v.Mandate.CreatedAt)],
            [.. views.Where(v => v.Mandate.Grantee == party && v.Mandate.Status == MandateStatus.Active).OrderBy(v => v.GrantorName, StringComparer.CurrentCulture)],
            [.. views.Where(v => v.Mandate.Grantee == party && v.Mandate.Status == MandateStatus.Requested).OrderBy(v => v.Mandate.CreatedAt)]);
    }

    public async Task<IReadOnlyList<MandateView>> DescribeAsync(IReadOnlyList<Mandate> mandates)
    {
        var partiesCall = Task.WhenAll(mandates.SelectMany(m => new[] { m.Grantor, m.Grantee }).Distinct().Select(async p => (p, await NameAsync(p))));
        var systems = mandates.SelectMany(m => m.Systems.Select(s => s.System)).ToList();
        var namesCall = directory.NamesAsync(systems);
        var catalogues = await directory.CataloguesAsync(systems.Distinct().Where(s => mandates.Any(m => m.For(s) is { CoversAll: false })));
        var names = await namesCall;
        var parties = (await partiesCall).ToDictionary(p => p.p, p => p.Item2);
        return [.. mandates.Select(m => new MandateView(m, parties[m.Grantor], parties[m.Grantee], [.. m.Systems.Select(s => new MandateSystemView(
            names[s.System],
            [.. s.Privileges.Select(uri => catalogues.TryGetValue(s.System, out var catalogue) ? catalogue.Find(uri)?.Name ?? uri : uri)]))]))];
    }

    private async Task<string> NameAsync(MandateParty party) => party.PersonId is { } personId
        ? await grains.Reference<IIdentityGrain>(personId).GetAsync() is { } profile ? $"{profile.Attributes.GivenName} {profile.Attributes.FamilyName}".Trim() : "?"
        : await grains.Reference<IOrganisationGrain>(party.Id).GetAsync() is { } organisation ? $"{organisation.Details.Name} (CVR {organisation.Cvr})" : $"CVR {party.Id}";
}
