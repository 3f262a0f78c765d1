using NemLogin.Grains.Oidc;
using NemLogin.Grains.Rights;
using NemLogin.Grains.ServiceProviders;
using NemLogin.Grains;

namespace NemLogin.Gateway.ItSystems;

/// <summary>
/// The registered IT systems (SAML service providers and OpenID Connect clients) with their names, read from the two
/// directories and each registration's grain. What the self-service pages offer when a person chooses systems for a
/// mandate, and how they name the systems of a stored mandate. Listing reads every registration: fine for the thousands of
/// systems a broker has, not for a page that is hit on every login (logins never use it).
/// </summary>
internal sealed class ItSystemDirectory(IGrainFactory grains)
{
    /// <summary>Every registered system, ordered by name, then id.</summary>
    public async Task<IReadOnlyList<ItSystemInfo>> ListAsync()
    {
        var entityIds = grains.Reference<IServiceProviderDirectoryGrain>(ServiceProviderDirectory.Key).ListAsync();
        var clientIds = grains.Reference<IOidcClientDirectoryGrain>(IOidcClientDirectoryGrain.Key).ListAsync();
        var systems = (await entityIds).Select(ItSystem.Saml).Concat((await clientIds).Select(ItSystem.Oidc));
        var found = await Task.WhenAll(systems.Select(FindAsync));
        return [.. found.OfType<ItSystemInfo>().OrderBy(s => s.DisplayName, StringComparer.CurrentCultureIgnoreCase).ThenBy(s => s.System.Key, StringComparer.Ordinal)];
    }

    /// <summary>The registered system, or null when nothing is registered under its id.</summary>
    public async Task<ItSystemInfo?> FindAsync(ItSystem system)
    {
        if (!system.IsWellFormed())
        {
            return null;
        }

        if (system.Kind == ItSystemKind.Oidc)
        {
            return await grains.Reference<IOidcClientGrain>(system.Id).GetAsync() is { } client
                ? new ItSystemInfo(system, Name(client.ClientName, system.Id), Enabled: true, client.OwnerCvr)
                : null;
        }

        return await grains.Reference<IServiceProviderGrain>(system.Id).GetAsync() is { } sp
            ? new ItSystemInfo(system, Name(sp.DisplayName, system.Id), sp.Enabled, sp.OwnerCvr)
            : null;
    }

    /// <summary>The systems' names (a system no longer registered keeps its id), for showing a stored mandate.</summary>
    public async Task<IReadOnlyDictionary<ItSystem, string>> NamesAsync(IEnumerable<ItSystem> systems)
    {
        var distinct = systems.Distinct().ToList();
        var found = await Task.WhenAll(distinct.Select(FindAsync));
        return distinct.Zip(found).ToDictionary(p => p.First, p => p.Second?.DisplayName ?? p.First.Id);
    }

    /// <summary>The privileges catalogue of each system that has one.</summary>
    public async Task<IReadOnlyDictionary<ItSystem, PrivilegeCatalogue>> CataloguesAsync(IEnumerable<ItSystem> systems)
    {
        var distinct = systems.Distinct().ToList();
        var catalogues = await Task.WhenAll(distinct.Select(s => grains.Reference<IPrivilegeCatalogueGrain>(s.Key).GetAsync()));
        return distinct.Zip(catalogues).Where(p => p.Second is { Privileges.IsEmpty: false }).ToDictionary(p => p.First, p => p.Second!);
    }

    private static string Name(string? displayName, string id) => string.IsNullOrWhiteSpace(displayName) ? id : displayName;
}
