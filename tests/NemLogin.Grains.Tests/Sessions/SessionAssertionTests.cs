using NemLogin.Grains.Assurance;
using NemLogin.Grains.Identities;
using NemLogin.Grains.Sessions;

namespace NemLogin.Grains.Tests.Sessions;

/// <summary>
/// The session decides single sign-on and answers a party in one call: live and at the party's level, the party becomes a
/// participant with its own subject and gets its release (CPR only when entitled); otherwise the answer says why and
/// nothing changes.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionAssertionTests(ClusterFixture fixture)
{
    private const string Persistent = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
    private const string Transient = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";
    private const string Prefix = "https://data.gov.dk/model/core/eid/person/uuid/";

    [Fact]
    public async Task Assert_LiveSessionAtLevel_ParticipantWithPseudonymAndRelease()
    {
        var (session, identity) = await StartedAsync(LevelOfAssurance.Substantial);

        var answer = await session.AssertAsync(Request("https://sp-a.example", LevelOfAssurance.Substantial));

        Assert.Equal(SessionAssertionOutcome.Asserted, answer.Outcome);
        Assert.Equal(Prefix + answer.Release!.Pseudonym, answer.Participant!.NameId);
        Assert.Null(answer.Release.CprNumber);
        Assert.Equal(identity, answer.Session!.IdentityId);
        Assert.Contains(answer.Session.Participants, p => p.ServiceProviderId == "https://sp-a.example");
    }

    [Fact]
    public async Task Assert_TwoParties_DistinctPseudonymsCprOnlyToTheEntitled()
    {
        // Privacy across SPs: no two parties get the same subject; the CPR number only where entitled.
        var (session, _) = await StartedAsync(LevelOfAssurance.Substantial);

        var a = await session.AssertAsync(Request("https://sp-a.example", LevelOfAssurance.Substantial));
        var b = await session.AssertAsync(Request("https://sp-b.example", LevelOfAssurance.Substantial) with { CprEntitled = true });

        Assert.NotEqual(a.Participant!.NameId, b.Participant!.NameId);
        Assert.Null(a.Release!.CprNumber);
        Assert.Equal("0101011234", b.Release!.CprNumber);
    }

    [Fact]
    public async Task Assert_LevelBelowTheParty_LevelTooLowAndNoParticipant()
    {
        var (session, _) = await StartedAsync(LevelOfAssurance.Substantial);

        var answer = await session.AssertAsync(Request("https://sp-high.example", LevelOfAssurance.High));

        Assert.Equal(SessionAssertionOutcome.LevelTooLow, answer.Outcome);
        Assert.Empty((await session.GetAsync())!.Participants);
    }

    [Fact]
    public async Task Assert_NoSession_NoSession()
    {
        var answer = await fixture.Grains.GetGrain<ISessionGrain>(TestIds.New("session")).AssertAsync(Request("https://sp-a.example", LevelOfAssurance.Low));

        Assert.Equal(SessionAssertionOutcome.NoSession, answer.Outcome);
    }

    [Fact]
    public async Task Assert_Transient_FreshSubjectEveryTimeSameSessionIndex()
    {
        var (session, _) = await StartedAsync(LevelOfAssurance.Substantial);
        var request = Request("https://sp-t.example", LevelOfAssurance.Low) with { SubjectFormat = Transient, TransientSubject = true };

        var first = await session.AssertAsync(request);
        var second = await session.AssertAsync(request);

        Assert.NotEqual(first.Participant!.NameId, second.Participant!.NameId);
        Assert.Equal(first.Participant.SessionIndex, second.Participant.SessionIndex);
        Assert.Equal(Transient, second.Participant.NameIdFormat);
    }

    [Fact]
    public async Task Assert_AuthenticationBeforeAuthenticatedSince_NotFreshAndNoParticipant()
    {
        // OIDC max_age / prompt=login: an older authentication is not used and the party does not join.
        var (session, _) = await StartedAsync(LevelOfAssurance.Substantial);
        var authenticated = (await session.GetAsync())!.AuthnInstant;

        var stale = await session.AssertAsync(Request("https://rp-a.example", LevelOfAssurance.Low) with { AuthenticatedSince = authenticated.AddSeconds(1) });
        var fresh = await session.AssertAsync(Request("https://rp-b.example", LevelOfAssurance.Low) with { AuthenticatedSince = authenticated });

        Assert.Equal(SessionAssertionOutcome.NotFresh, stale.Outcome);
        Assert.Equal(SessionAssertionOutcome.Asserted, fresh.Outcome);
        Assert.DoesNotContain(fresh.Session!.Participants, p => p.ServiceProviderId == "https://rp-a.example");
    }

    [Fact]
    public async Task Assert_ExpectedPseudonymOfAnotherPerson_OtherPersonAndNoParticipant()
    {
        // OIDC id_token_hint: a client that expects another person gets no assertion about this one.
        var (session, _) = await StartedAsync(LevelOfAssurance.Substantial);
        var mine = await session.AssertAsync(Request("https://rp-a.example", LevelOfAssurance.Low));

        var other = await session.AssertAsync(Request("https://rp-b.example", LevelOfAssurance.Low) with { ExpectedPseudonym = Guid.NewGuid() });
        var same = await session.AssertAsync(Request("https://rp-a.example", LevelOfAssurance.Low) with { ExpectedPseudonym = mine.Release!.Pseudonym });

        Assert.Equal(SessionAssertionOutcome.OtherPerson, other.Outcome);
        Assert.Equal(SessionAssertionOutcome.Asserted, same.Outcome);
        Assert.DoesNotContain(same.Session!.Participants, p => p.ServiceProviderId == "https://rp-b.example");
    }

    [Fact]
    public async Task StartAndAssert_OneCall_SessionStartedAndPartyAsserted()
    {
        var identity = await IdentityAsync();
        var session = fixture.Grains.GetGrain<ISessionGrain>(TestIds.New("session"));

        var answer = await session.StartAndAssertAsync(
            new SessionAuthentication(identity, LevelOfAssurance.High, fixture.Time.GetUtcNow(), "https://mitid.example"),
            null,
            Request("https://sp-a.example", LevelOfAssurance.High));

        Assert.Equal(SessionAssertionOutcome.Asserted, answer.Outcome);
        Assert.Equal(LevelOfAssurance.High, answer.Session!.Loa);
        Assert.Single(answer.Session.Participants);
    }

    [Fact]
    public async Task StartAndAssert_WithUpstreamAttributes_NewPersonCreatedAndReleasedInTheSameCall()
    {
        // The login's one session call brings the identity up to date (here: creates it) and releases to the party.
        var identity = Guid.NewGuid();
        var person = new PersonAttributes("Ny", "Person", new DateOnly(1999, 9, 9), "0909991234", null);
        var session = fixture.Grains.GetGrain<ISessionGrain>(TestIds.New("session"));

        var answer = await session.StartAndAssertAsync(
            new SessionAuthentication(identity, LevelOfAssurance.Substantial, fixture.Time.GetUtcNow(), "https://mitid.example") { Person = person },
            null,
            Request("https://sp-a.example", LevelOfAssurance.Substantial) with { CprEntitled = true });

        Assert.Equal(SessionAssertionOutcome.Asserted, answer.Outcome);
        Assert.Equal("Ny", answer.Release!.GivenName);
        Assert.Equal("0909991234", answer.Release.CprNumber);
        Assert.Equal(person, (await fixture.Grains.GetGrain<IIdentityGrain>(identity).GetAsync())!.Attributes);
        Assert.NotNull(await session.GetAsync());
    }

    [Fact]
    public async Task StartAndAssert_LevelTooLow_SessionStoredAndIdentityUpdatedWithoutRelease()
    {
        // No party is answered, but the authentication still happened: the session is kept (at its level) and the
        // identity learns the upstream's attributes.
        var identity = await IdentityAsync();
        var renamed = new PersonAttributes("Test", "Renamed", new DateOnly(2001, 1, 1), "0101011234", null);
        var session = fixture.Grains.GetGrain<ISessionGrain>(TestIds.New("session"));

        var answer = await session.StartAndAssertAsync(
            new SessionAuthentication(identity, LevelOfAssurance.Low, fixture.Time.GetUtcNow(), "https://mitid.example") { Person = renamed },
            null,
            Request("https://sp-a.example", LevelOfAssurance.High));

        Assert.Equal(SessionAssertionOutcome.LevelTooLow, answer.Outcome);
        Assert.Equal(renamed, (await fixture.Grains.GetGrain<IIdentityGrain>(identity).GetAsync())!.Attributes);
        var stored = await session.GetAsync();
        Assert.NotNull(stored);
        Assert.Equal(LevelOfAssurance.Low, stored.Loa);
        Assert.Empty(stored.Participants);
    }

    private static AssertionRequest Request(string party, LevelOfAssurance loa) =>
        new(party, CprEntitled: false, loa, Prefix, Persistent, TransientSubject: false);

    private async Task<(ISessionGrain Session, Guid Identity)> StartedAsync(LevelOfAssurance loa)
    {
        var identity = await IdentityAsync();
        var session = fixture.Grains.GetGrain<ISessionGrain>(TestIds.New("session"));
        await session.StartAsync(new SessionAuthentication(identity, loa, fixture.Time.GetUtcNow(), "https://mitid.example"), null);
        return (session, identity);
    }

    private async Task<Guid> IdentityAsync()
    {
        var identity = Guid.NewGuid();
        await fixture.Grains.GetGrain<IIdentityGrain>(identity)
            .UpdateFromUpstreamAsync(new PersonAttributes("Test", "Person", new DateOnly(2001, 1, 1), "0101011234", null));
        return identity;
    }
}
