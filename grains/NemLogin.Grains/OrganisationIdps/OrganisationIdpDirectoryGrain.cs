using System.Collections.Immutable;
using NemLogin.Grains.Errors;
using NemLogin.Grains.Requests;

namespace NemLogin.Grains.OrganisationIdps;

[GrainType("nl.org-idp.directory")]
public sealed class OrganisationIdpDirectoryGrain(
    [PersistentState("organisation-idp-directory", StorageNames.Organisations)] IPersistentState<OrganisationIdpDirectoryState> state)
    : Grain, IOrganisationIdpDirectoryGrain
{
    private Dictionary<string, string> _cvrByDomain = new(StringComparer.Ordinal);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Reindex();
        return Task.CompletedTask;
    }

    public Task<string?> FindByDomainAsync(string domain) =>
        Task.FromResult(_cvrByDomain.GetValueOrDefault((domain ?? string.Empty).Trim().ToLowerInvariant()));

    public Task<bool> ListsAsync(string cvr) => Task.FromResult(state.State.DomainsByCvr.ContainsKey(cvr ?? string.Empty));

    public Task<bool> AnyAsync() => Task.FromResult(state.State.DomainsByCvr.Count > 0);

    public async Task ClaimAsync(string cvr, ImmutableArray<string> domains)
    {
        ArgumentException.ThrowIfNullOrEmpty(cvr);
        var wanted = domains.IsDefault ? [] : domains;
        foreach (var domain in wanted)
        {
            Rules.Require(!_cvrByDomain.TryGetValue(domain, out var holder) || holder == cvr, BrokerError.OrganisationIdpDomainTaken,
                "Another organisation's IdP has registered this e-mail domain.");
        }

        state.State.DomainsByCvr[cvr] = [.. wanted];
        await state.WriteStateAsync();
        Reindex();
    }

    public async Task ReleaseAsync(string cvr)
    {
        if (state.State.DomainsByCvr.Remove(cvr))
        {
            await state.WriteStateAsync();
            Reindex();
        }
    }

    private void Reindex() => _cvrByDomain = state.State.DomainsByCvr
        .SelectMany(p => p.Value.Select(d => (Domain: d, Cvr: p.Key)))
        .ToDictionary(p => p.Domain, p => p.Cvr, StringComparer.Ordinal);
}
