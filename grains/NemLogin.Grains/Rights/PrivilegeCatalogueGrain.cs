using System.Collections.Immutable;
using NemLogin.Grains.Errors;
using NemLogin.Grains.Requests;

namespace NemLogin.Grains.Rights;

[GrainType("nl.privilege.catalogue")]
public sealed class PrivilegeCatalogueGrain(
    [PersistentState("catalogue", StorageNames.Organisations)] IPersistentState<PrivilegeCatalogueState> state,
    TimeProvider timeProvider) : Grain, IPrivilegeCatalogueGrain
{
    private const string Operation = "privileges.replace";

    public Task<PrivilegeCatalogue?> GetAsync() => Task.FromResult(state.State.Catalogue);

    public async Task<PrivilegeCatalogue> ReplaceAsync(string requestId, ImmutableArray<Privilege> privileges)
    {
        var system = ItSystem.FromKey(this.GetPrimaryKeyString())
            ?? throw Rules.Refuse(BrokerError.PrivilegesItSystemUnknown, "The key names no SAML SP or OIDC client.");
        var normal = PrivilegeCatalogueRules.Normalise(privileges);
        var fingerprint = RequestLog.Fingerprint(Operation, normal);
        if (RequestLog.Replay(state.State.Requests, requestId, fingerprint) is { } repeat)
        {
            return new PrivilegeCatalogue(system, normal, repeat.Version, repeat.At);
        }

        Rules.Require(await ItSystems.IsRegisteredAsync(GrainFactory, system), BrokerError.PrivilegesItSystemUnknown, "No SAML SP or OIDC client is registered under this id.");
        var current = state.State.Catalogue;
        var stored = current is not null && RequestLog.Fingerprint(Operation, current.Privileges) == fingerprint
            ? current
            : new PrivilegeCatalogue(system, normal, (current?.Version ?? 0) + 1, timeProvider.GetUtcNow());
        state.State = new PrivilegeCatalogueState
        {
            Catalogue = stored,
            Requests = RequestLog.Append(state.State.Requests, new ChangeReceipt(requestId, fingerprint, stored.Version, stored.UpdatedAt)),
        };
        await state.WriteStateAsync();
        return stored;
    }
}
