using NemLogin.Grains.Errors;
namespace NemLogin.Grains.Identities;

[GrainType("nl.identity")]
public sealed class IdentityGrain(
    [PersistentState("identity", StorageNames.Identities)] IPersistentState<IdentityState> state,
    TimeProvider timeProvider) : Grain, IIdentityGrain
{
    public Task<IdentityProfile?> GetAsync() =>
        Task.FromResult(state.RecordExists && state.State.Attributes is { } attributes ? Profile(attributes) : null);

    public async Task<IdentityProfile> UpdateFromUpstreamAsync(PersonAttributes attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);

        // Most logins repeat what the upstream said last time: nothing to write, and UpdatedAt keeps meaning
        // "when the person's data last changed".
        if (state.RecordExists && state.State.Attributes == attributes)
        {
            return Profile(attributes);
        }

        var now = timeProvider.GetUtcNow();
        state.State = state.RecordExists
            ? state.State with { Attributes = attributes, UpdatedAt = now }
            : new IdentityState
            {
                Kind = IdentityKind.Person,
                Attributes = attributes,
                CreatedAt = now,
                UpdatedAt = now,

                // Random, never derived from the CPR number, so it reveals nothing about the person.
                CprUuid = Guid.NewGuid(),
            };
        await state.WriteStateAsync();
        return Profile(attributes);
    }

    public async Task<AttributeRelease> ReleaseToAsync(string serviceProviderId, bool cprEntitled)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceProviderId);
        if (!state.RecordExists || state.State.Attributes is not { } attributes)
        {
            throw new GrainRuleException(BrokerErrors.Name(BrokerError.IdentityUnknown), "The identity does not exist.");
        }

        // OIOSAML 3: the persistent NameID is a pseudonym per SP, random so that SPs cannot link their users.
        // It is stored before it is released, so the SP sees the same value on every later login.
        if (!state.State.Pseudonyms.TryGetValue(serviceProviderId, out var pseudonym))
        {
            pseudonym = Guid.NewGuid();
            state.State = state.State with { Pseudonyms = state.State.Pseudonyms.Add(serviceProviderId, pseudonym) };
            await state.WriteStateAsync();
        }

        return new AttributeRelease(
            pseudonym,
            state.State.Kind,
            attributes.GivenName,
            attributes.FamilyName,
            attributes.DateOfBirth,
            cprEntitled ? attributes.CprNumber : null,
            attributes.Email,
            state.State.CprUuid);
    }

    private IdentityProfile Profile(PersonAttributes attributes) =>
        new(this.GetPrimaryKey(), state.State.Kind, attributes, state.State.CreatedAt, state.State.UpdatedAt);
}
