using NemLogin.Grains.Errors;
using NemLogin.Grains.Requests;
using NemLogin.Grains.Organisations;

namespace NemLogin.Grains.OrganisationIdps;

[GrainType("nl.org-idp")]
public sealed class OrganisationIdpGrain(
    [PersistentState("organisation-idp", StorageNames.Organisations)] IPersistentState<OrganisationIdpState> state,
    TimeProvider timeProvider) : Grain, IOrganisationIdpGrain
{
    private string Cvr => this.GetPrimaryKeyString();

    public Task<OrganisationIdp?> GetAsync() => Task.FromResult(state.State.Idp);

    public async Task<OrganisationIdp> RegisterAsync(OrganisationIdpRegistration registration)
    {
        OrganisationRules.RequireCvr(Cvr);
        var normal = OrganisationIdpRules.Normalise(registration);
        Rules.Require(await GrainFactory.Reference<IOrganisationGrain>(Cvr).GetAsync() is not null, BrokerError.OrganisationUnknown,
            "No organisation is registered under this CVR.");

        // The domains are claimed first: a domain another organisation holds refuses the registration before anything is stored.
        await Directory.ClaimAsync(Cvr, normal.EmailDomains);
        var version = state.State.LastVersion + 1;
        var stored = new OrganisationIdp(Cvr, normal, version, timeProvider.GetUtcNow());
        state.State = new OrganisationIdpState { Idp = stored, LastVersion = version };
        await state.WriteStateAsync();
        return stored;
    }

    public async Task<bool> RemoveAsync()
    {
        if (state.State.Idp is null)
        {
            return false;
        }

        state.State = state.State with { Idp = null };
        await state.WriteStateAsync();
        await Directory.ReleaseAsync(Cvr);
        return true;
    }

    private IOrganisationIdpDirectoryGrain Directory => GrainFactory.Reference<IOrganisationIdpDirectoryGrain>(0);
}
