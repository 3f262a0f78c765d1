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
        var previous = state.RecordExists ? state.State.Attributes : null;
        if (previous == attributes && (attributes.CprNumber is null || state.State.CprIndexed))
        {
            return Profile(attributes);
        }

        // Filed under the new number before the state says so; the old entry goes after the write (the index is a hint
        // its readers check against this grain, so an entry left by an interrupted change misleads no one).
        if (attributes.CprNumber is { } cpr)
        {
            var (bucket, entry) = CprIndexKey.For(cpr);
            await GrainFactory.Reference<ICprIndexGrain>(bucket).AddAsync(entry, this.GetPrimaryKey());
        }

        var now = timeProvider.GetUtcNow();
        state.State = state.RecordExists
            ? state.State with
            {
                Attributes = attributes,
                UpdatedAt = previous == attributes ? state.State.UpdatedAt : now,
                CprIndexed = attributes.CprNumber is not null,
            }
            : new IdentityState
            {
                Kind = IdentityKind.Person,
                Attributes = attributes,
                CreatedAt = now,
                UpdatedAt = now,

                // Random, never derived from the CPR number, so it reveals nothing about the person.
                CprUuid = Guid.NewGuid(),
                CprIndexed = attributes.CprNumber is not null,

                // A mandate names only known persons, so a new identity holds none yet.
                MandatesHeld = false,
            };
        await state.WriteStateAsync();

        if (previous?.CprNumber is { } old && old != attributes.CprNumber)
        {
            var (bucket, entry) = CprIndexKey.For(old);
            await GrainFactory.Reference<ICprIndexGrain>(bucket).RemoveAsync(entry, this.GetPrimaryKey());
        }

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
            state.State.CprUuid)
        {
            HoldsNoMandates = state.State.MandatesHeld == false,
        };
    }

    public async Task<AttributeRelease> UpdateAndReleaseToAsync(PersonAttributes attributes, string serviceProviderId, bool cprEntitled)
    {
        await UpdateFromUpstreamAsync(attributes);
        return await ReleaseToAsync(serviceProviderId, cprEntitled);
    }

    public async Task NoteMandatesHeldAsync(bool held)
    {
        if (!state.RecordExists || state.State.Attributes is null)
        {
            throw new GrainRuleException(BrokerErrors.Name(BrokerError.IdentityUnknown), "The identity does not exist.");
        }

        if (state.State.MandatesHeld != held)
        {
            state.State = state.State with { MandatesHeld = held };
            await state.WriteStateAsync();
        }
    }

    private IdentityProfile Profile(PersonAttributes attributes) =>
        new(this.GetPrimaryKey(), state.State.Kind, attributes, state.State.CreatedAt, state.State.UpdatedAt);
}
