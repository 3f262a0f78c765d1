using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using NemLogin.Grains.BusinessIdentities;
using NemLogin.Grains.Identities;
using NemLogin.Grains.Mandates;
using NemLogin.Grains.Rights;
using NemLogin.Grains.Errors;

namespace NemLogin.Grains.Sessions;

[GrainType("nl.session")]
public sealed class SessionGrain(
    [PersistentState("session", StorageNames.Sessions)] IPersistentState<SessionState> state,
    IOptions<SessionOptions> options,
    TimeProvider timeProvider) : Grain, ISessionGrain
{
    public async Task<SessionSnapshot?> GetAsync()
    {
        return await LiveSessionAsync() is { } live ? Snapshot(live) : null;
    }

    /// <summary>
    /// The upstream's word about the person (<see cref="SessionAuthentication.Person"/>) not yet given to the identity
    /// grain during this call: the first attribute release takes it along, or the call's end delivers it on its own.
    /// </summary>
    private PersonAttributes? _identityUpdate;

    public async Task<SessionSnapshot> StartAsync(SessionAuthentication authentication, string? previousSessionId)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        ArgumentException.ThrowIfNullOrWhiteSpace(authentication.AuthenticatingAuthority);
        var sessionId = this.GetPrimaryKeyString();

        // A session id serves one authentication: a new one is issued for every login (no session fixation). The same
        // start delivered twice (a retry after an unclear failure) answers as the first did.
        if (state.RecordExists)
        {
            return state.State.IdentityId == authentication.IdentityId && state.State.AuthnInstant == authentication.AuthnInstant
                && await LiveSessionAsync() is { } started
                ? Snapshot(started)
                : throw new GrainRuleException(BrokerErrors.Name(BrokerError.SessionExists), "This session id has already been used.");
        }

        if (authentication.Person is { } person)
        {
            await GrainFactory.Reference<IIdentityGrain>(authentication.IdentityId).UpdateFromUpstreamAsync(person);
        }

        var handedOver = previousSessionId is null || string.Equals(previousSessionId, sessionId, StringComparison.Ordinal)
            ? null
            : await GrainFactory.Reference<ISessionGrain>(previousSessionId).HandOverAsync(authentication.IdentityId, sessionId);

        var next = NewSession(authentication, handedOver);
        state.State = next;
        await state.WriteStateAsync();

        // After the write, so a LogoutRequest that finds the index always finds this session.
        foreach (var participant in next.Participants)
        {
            await GrainFactory.Reference<ISessionIndexGrain>(SessionIndexKey.For(participant.ServiceProviderId, participant.SessionIndex))
                .MoveAsync(previousSessionId!, sessionId, next.ExpiresAt);
        }

        return Snapshot(next);
    }

    public async Task<SessionAssertion> StartAndAssertAsync(SessionAuthentication authentication, string? previousSessionId, AssertionRequest request)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(authentication.AuthenticatingAuthority);

        // A session taking over the browser's previous one (or a repeated start) goes the long way: written first, so the
        // moved SessionIndexes always find it.
        if (state.RecordExists || (previousSessionId is not null && !string.Equals(previousSessionId, this.GetPrimaryKeyString(), StringComparison.Ordinal)))
        {
            await StartAsync(authentication, previousSessionId);
            return await AssertAsync(request);
        }

        // A fresh session is written once: by the assertion's join, or below when the answer joins no party. The identity
        // hears of the upstream's attributes in the release call.
        var next = NewSession(authentication, handedOver: null);
        state.State = next;
        _identityUpdate = authentication.Person;
        try
        {
            var answer = await AssertLiveAsync(next, request);
            if (_identityUpdate is { } left)
            {
                await GrainFactory.Reference<IIdentityGrain>(next.IdentityId).UpdateFromUpstreamAsync(left);
            }

            if (!state.RecordExists)
            {
                await state.WriteStateAsync();
            }

            return answer;
        }
        finally
        {
            _identityUpdate = null;
        }
    }

    private SessionState NewSession(SessionAuthentication authentication, SessionHandOver? handedOver)
    {
        var now = timeProvider.GetUtcNow();
        return new SessionState
        {
            IdentityId = authentication.IdentityId,
            Loa = authentication.Loa,
            AuthnInstant = authentication.AuthnInstant,
            AuthenticatingAuthority = authentication.AuthenticatingAuthority,
            // The same person re-authenticating keeps the session's absolute limit; a new person starts a new one.
            ExpiresAt = handedOver?.ExpiresAt ?? now + options.Value.AbsoluteLifetime,
            LastActivityAt = now,
            Participants = handedOver?.Participants ?? [],
        };
    }

    public async Task<SessionAssertion> AssertAsync(AssertionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await LiveSessionAsync() is { } live ? await AssertLiveAsync(live, request) : SessionAssertion.NoSession;
    }

    private async Task<SessionAssertion> AssertLiveAsync(SessionState live, AssertionRequest request)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.PartyId);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.SubjectFormat);

        // NSIS: a session serves a party only at or above the level it requires; an over-achieved level is fine.
        if (live.Loa < request.RequiredLoa)
        {
            return SessionAssertion.LevelTooLow;
        }

        if (request.AuthenticatedSince is { } since && live.AuthnInstant < since)
        {
            return SessionAssertion.NotFresh;
        }

        if (request.Profile == EidProfile.Professional)
        {
            return await AssertProfessionalAsync(live, request);
        }

        var release = await ReleaseAsync(live.IdentityId, request);
        if (request.ExpectedPseudonym is { } expected && expected != release.Pseudonym)
        {
            return SessionAssertion.OtherPerson;
        }

        // Fuldmagt: mandates that fit this IT system now, found by the grantee's index (no scan; skipped when the identity
        // knows it holds none). With any, the person chooses between acting for themself and for a grantor; the NameID stays
        // the person's own either way.
        var mandates = release.HoldsNoMandates ? [] : await FindMandatesAsync(MandateParty.Person(live.IdentityId), SystemOf(request));
        FittingMandate? onBehalfOf = null;
        if (!mandates.IsEmpty)
        {
            if (request.ActingAs is null)
            {
                return SessionAssertion.ChoiceNeeded([ActingChoice.Self, .. mandates.Select(ChoiceFor)]);
            }

            if (request.ActingAs != Guid.Empty)
            {
                onBehalfOf = mandates.FirstOrDefault(m => m.MandateId == request.ActingAs);
            }
        }

        // A chosen mandate that does not fit (revoked or expired since the question, or never the person's) asserts nothing.
        if (request.ActingAs is { } actingAs && actingAs != Guid.Empty && onBehalfOf is null)
        {
            return SessionAssertion.NoFittingIdentity;
        }

        // The subject is the party's own pseudonym (no two parties can link the person), or fresh every time when transient.
        var subject = request.SubjectPrefix + (request.TransientSubject ? Guid.NewGuid() : release.Pseudonym).ToString();
        var participant = await JoinAsync(live, request.PartyId, subject, request.SubjectFormat, request.Protocol);
        return new SessionAssertion(SessionAssertionOutcome.Asserted, Snapshot(state.State), release, participant) { OnBehalfOf = onBehalfOf };
    }

    /// <summary>The person's attributes for the asking party, taking along a pending update from the upstream (see <see cref="_identityUpdate"/>).</summary>
    private Task<AttributeRelease> ReleaseAsync(Guid identityId, AssertionRequest request)
    {
        var identity = GrainFactory.Reference<IIdentityGrain>(identityId);
        if (_identityUpdate is not { } update)
        {
            return identity.ReleaseToAsync(request.PartyId, request.CprEntitled);
        }

        _identityUpdate = null;
        return identity.UpdateAndReleaseToAsync(update, request.PartyId, request.CprEntitled);
    }

    private static ItSystem SystemOf(AssertionRequest request) =>
        request.Protocol == ParticipantProtocol.Oidc ? ItSystem.Oidc(request.PartyId) : ItSystem.Saml(request.PartyId);

    private Task<ImmutableArray<FittingMandate>> FindMandatesAsync(MandateParty grantee, ItSystem system) =>
        GrainFactory.Reference<IMandateIndexGrain>(grantee.Id).FindForAsync(system);

    private static ActingChoice ChoiceFor(FittingMandate mandate) =>
        new(mandate.MandateId, mandate.GrantorCvr, mandate.GrantorName) { Kind = ActingChoiceKind.Mandate };

    /// <summary>
    /// The Professional profile: one of the person's business identities, never the citizen. The person's index lists them
    /// (no scan); each candidate answers with its organisation and this IT system's rights in one call. An employee to whom
    /// the organisation gave a right at this system may also act for the organisations and persons whose mandates for the
    /// system the organisation holds (found by the organisation's own mandate index). One usable identity and no such mandate
    /// is asserted without a question; anything more needs the person's choice; no usable identity is
    /// <see cref="SessionAssertionOutcome.NoFittingIdentity"/>. The subject is the business identity's persistent UUID (also
    /// under a mandate), the level the lower of the session's and the identity's.
    /// </summary>
    private async Task<SessionAssertion> AssertProfessionalAsync(SessionState live, AssertionRequest request)
    {
        var entries = await GrainFactory.Reference<IBusinessIdentityIndexGrain>(live.IdentityId).ListAsync();
        if (request.ExpectedPseudonym is { } expected && !entries.Any(e => e.Id == expected))
        {
            return SessionAssertion.OtherPerson;
        }

        var candidates = entries.Where(e => e.Status == BusinessIdentityStatus.Active && (request.ExpectedPseudonym is null || e.Id == request.ExpectedPseudonym)).ToList();
        var system = SystemOf(request);
        var answers = await Task.WhenAll(candidates.Select(c => GrainFactory.Reference<IBusinessIdentityGrain>(c.Id).GetRightsAsync(system)));

        // The identity must still be this person's (the index is a copy; the identity grain is the authority).
        var usable = answers.OfType<BusinessRights>().Where(r => r.Usable && r.PersonId == live.IdentityId)
            .OrderBy(r => r.OrganisationName, StringComparer.CurrentCulture).ThenBy(r => r.Cvr, StringComparer.Ordinal).ToList();
        if (usable.Count == 0)
        {
            return SessionAssertion.NoFittingIdentity;
        }

        var received = await Task.WhenAll(usable.Select(async rights =>
            (Rights: rights, Mandates: rights.Privileges.IsEmpty || rights.OrganisationHoldsNoMandates ? [] : await FindMandatesAsync(MandateParty.Organisation(rights.Cvr), system))));
        if (request.ActingAs is null && (usable.Count > 1 || received.Any(r => !r.Mandates.IsEmpty)))
        {
            return SessionAssertion.ChoiceNeeded([.. received.SelectMany(r => (IEnumerable<ActingChoice>)[
                new ActingChoice(r.Rights.Id, r.Rights.Cvr, r.Rights.OrganisationName) { Kind = ActingChoiceKind.BusinessIdentity },
                .. r.Mandates.Select(ChoiceFor)])]);
        }

        // The choice names a business identity, or a mandate its organisation holds (then acting under it as that employee).
        var (rights, onBehalfOf) = request.ActingAs is not { } actingAs
            ? (usable[0], null)
            : received.Where(r => r.Rights.Id == actingAs).Select(r => (r.Rights, (FittingMandate?)null))
                .Concat(received.SelectMany(r => r.Mandates.Where(m => m.MandateId == actingAs).Select(m => (r.Rights, (FittingMandate?)m))))
                .FirstOrDefault();
        if (rights is null)
        {
            return SessionAssertion.NoFittingIdentity;
        }

        if (SessionAssertion.LevelFor(live.Loa, rights) < request.RequiredLoa)
        {
            return SessionAssertion.LevelTooLow;
        }

        var release = await ReleaseAsync(live.IdentityId, request);
        var subject = request.SubjectPrefix + (request.TransientSubject ? Guid.NewGuid() : rights.Id).ToString();
        var participant = await JoinAsync(live, request.PartyId, subject, request.SubjectFormat, request.Protocol);

        // Under a mandate the privileges are the mandate's, scoped to the grantor; the employee's own rights are not carried.
        return new SessionAssertion(SessionAssertionOutcome.Asserted, Snapshot(state.State), release, participant)
        {
            Professional = onBehalfOf is null ? rights : rights with { Privileges = onBehalfOf.Privileges },
            OnBehalfOf = onBehalfOf,
        };
    }

    public async Task<SessionHandOver?> HandOverAsync(Guid identityId, string nextSessionId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nextSessionId);
        var live = await LiveSessionAsync();
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        DeactivateOnIdle();

        // Another person in the same browser: the SPs joined so far belong to the previous person and are not carried.
        return live is not null && live.IdentityId == identityId ? new SessionHandOver(live.Participants, live.ExpiresAt) : null;
    }

    public async Task<SessionParticipant> AddParticipantAsync(string serviceProviderId, string nameId, string nameIdFormat)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceProviderId);
        ArgumentException.ThrowIfNullOrWhiteSpace(nameId);
        ArgumentException.ThrowIfNullOrWhiteSpace(nameIdFormat);
        var live = await LiveSessionAsync()
            ?? throw new GrainRuleException(BrokerErrors.Name(BrokerError.SessionNone), "There is no live session to add a participant to.");
        return await JoinAsync(live, serviceProviderId, nameId, nameIdFormat, ParticipantProtocol.Saml);
    }

    private async Task<SessionParticipant> JoinAsync(
        SessionState live, string serviceProviderId, string nameId, string nameIdFormat, ParticipantProtocol protocol)
    {
        var now = timeProvider.GetUtcNow();
        var existing = live.Participants.FirstOrDefault(p => p.Protocol == protocol && string.Equals(p.ServiceProviderId, serviceProviderId, StringComparison.Ordinal));

        // One SessionIndex per SP per session, so a LogoutRequest carrying it can be matched (Core 3.7.1).
        var participant = existing is null
            ? new SessionParticipant(serviceProviderId, nameId, nameIdFormat, SessionIndexes.New(), now) { Protocol = protocol }
            : existing with { NameId = nameId, NameIdFormat = nameIdFormat };

        if (existing is null && protocol == ParticipantProtocol.Saml)
        {
            // Before the SP can hold the SessionIndex, so a LogoutRequest that carries it always finds this session.
            await GrainFactory.Reference<ISessionIndexGrain>(SessionIndexKey.For(serviceProviderId, participant.SessionIndex))
                .RecordAsync(this.GetPrimaryKeyString(), live.ExpiresAt);
        }

        var participants = existing is null
            ? live.Participants.Add(participant)
            : live.Participants.Replace(existing, participant);

        state.State = live with { Participants = participants, LastActivityAt = now };
        await state.WriteStateAsync();
        return participant;
    }

    public async Task<SessionSnapshot?> EndAsync()
    {
        var live = await LiveSessionAsync();
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        DeactivateOnIdle();
        return live is null ? null : Snapshot(live);
    }

    /// <summary>The stored session if neither limit has passed; an expired one is removed so it cannot come back.</summary>
    private async Task<SessionState?> LiveSessionAsync()
    {
        if (!state.RecordExists)
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        if (now < state.State.ExpiresAt && now < IdleExpiry(state.State))
        {
            return state.State;
        }

        await state.ClearStateAsync();
        return null;
    }

    private DateTimeOffset IdleExpiry(SessionState session) => session.LastActivityAt + options.Value.IdleTimeout;

    private SessionSnapshot Snapshot(SessionState session) => new(
        this.GetPrimaryKeyString(),
        session.IdentityId,
        session.Loa,
        session.AuthnInstant,
        session.AuthenticatingAuthority,
        session.ExpiresAt,
        session.Participants)
    {
        IdleExpiresAt = IdleExpiry(session) < session.ExpiresAt ? IdleExpiry(session) : session.ExpiresAt,
    };
}
