using System.Text.RegularExpressions;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.Sessions;

namespace NemLogin.Grains.Tests.Sessions;

[Collection(ClusterCollection.Name)]
public sealed partial class SessionGrainTests(ClusterFixture fixture)
{
    private const string Persistent = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(1);

    [Fact]
    public async Task Session_None_GetReturnsNull()
    {
        Assert.Null(await NewSession().GetAsync());
    }

    [Fact]
    public async Task Session_Authenticated_SnapshotCarriesAuthenticationAndAbsoluteExpiry()
    {
        var session = NewSession();
        var authentication = Authentication(Guid.NewGuid(), LevelOfAssurance.Substantial);

        var snapshot = await session.StartAsync(authentication, null);

        Assert.Equal(session.GetPrimaryKeyString(), snapshot.SessionId);
        Assert.Equal(authentication.IdentityId, snapshot.IdentityId);
        Assert.Equal(LevelOfAssurance.Substantial, snapshot.Loa);
        Assert.Equal(authentication.AuthnInstant, snapshot.AuthnInstant);
        Assert.Equal("https://mitid.example", snapshot.AuthenticatingAuthority);
        Assert.Equal(fixture.Time.GetUtcNow() + Lifetime, snapshot.ExpiresAt);
        Assert.Empty(snapshot.Participants);
        Assert.Equal(snapshot.ExpiresAt, (await session.GetAsync())?.ExpiresAt);
    }

    [Fact]
    public async Task Session_ExpiredAfterAbsoluteLifetime_ReturnsNull()
    {
        var session = NewSession();
        await session.StartAsync(Authentication(Guid.NewGuid(), LevelOfAssurance.Substantial), null);

        await KeepActiveAsync(session, Lifetime - TimeSpan.FromTicks(1));
        Assert.NotNull(await session.GetAsync());

        fixture.Time.Advance(TimeSpan.FromTicks(1));
        Assert.Null(await session.GetAsync());
    }

    [Fact]
    public async Task Session_SameIdentityReauthenticates_NewSessionTakesParticipantsAndExpiry()
    {
        var previous = NewSession();
        var identity = Guid.NewGuid();
        var first = await previous.StartAsync(Authentication(identity, LevelOfAssurance.Substantial), null);
        var participant = await previous.AddParticipantAsync("https://sp-a.example", "name-a", Persistent);
        fixture.Time.Advance(TimeSpan.FromMinutes(30));

        var next = NewSession();
        var second = await next.StartAsync(Authentication(identity, LevelOfAssurance.High), previous.GetPrimaryKeyString());

        Assert.Equal(LevelOfAssurance.High, second.Loa);
        Assert.Equal(fixture.Time.GetUtcNow(), second.AuthnInstant);
        Assert.Equal(first.ExpiresAt, second.ExpiresAt);
        Assert.Equal(participant, Assert.Single(second.Participants));
        Assert.Null(await previous.GetAsync());
    }

    [Fact]
    public async Task Session_SameIdentityReauthenticates_SessionIndexLeadsToTheNewSession()
    {
        // Single logout after a re-authentication: the SP still holds the SessionIndex it got before.
        var previous = NewSession();
        var identity = Guid.NewGuid();
        await previous.StartAsync(Authentication(identity, LevelOfAssurance.Substantial), null);
        var participant = await previous.AddParticipantAsync("https://sp-a.example", "name-a", Persistent);

        var next = NewSession();
        await next.StartAsync(Authentication(identity, LevelOfAssurance.Substantial), previous.GetPrimaryKeyString());

        var index = fixture.Grains.GetGrain<ISessionIndexGrain>(SessionIndexKey.For("https://sp-a.example", participant.SessionIndex));
        Assert.Equal(next.GetPrimaryKeyString(), await index.FindSessionAsync());
    }

    [Fact]
    public async Task Session_SameIdentityReauthenticates_DoesNotExtendAbsoluteLifetime()
    {
        var previous = NewSession();
        var identity = Guid.NewGuid();
        await previous.StartAsync(Authentication(identity, LevelOfAssurance.Substantial), null);
        await KeepActiveAsync(previous, TimeSpan.FromHours(7));
        var next = NewSession();
        await next.StartAsync(Authentication(identity, LevelOfAssurance.Substantial), previous.GetPrimaryKeyString());

        fixture.Time.Advance(TimeSpan.FromMinutes(59));
        Assert.NotNull(await next.GetAsync());
        fixture.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Null(await next.GetAsync());
    }

    [Fact]
    public async Task Session_DifferentIdentity_EndsPreviousAndDropsParticipants()
    {
        // Session confusion: SPs joined by the previous person must not be logged out for, or linked to, the next one.
        var previous = NewSession();
        await previous.StartAsync(Authentication(Guid.NewGuid(), LevelOfAssurance.Substantial), null);
        await previous.AddParticipantAsync("https://sp-a.example", "name-a", Persistent);
        fixture.Time.Advance(TimeSpan.FromMinutes(10));
        var other = Guid.NewGuid();

        var snapshot = await NewSession().StartAsync(Authentication(other, LevelOfAssurance.Substantial), previous.GetPrimaryKeyString());

        Assert.Equal(other, snapshot.IdentityId);
        Assert.Empty(snapshot.Participants);
        Assert.Equal(fixture.Time.GetUtcNow() + Lifetime, snapshot.ExpiresAt);
        Assert.Null(await previous.GetAsync());
    }

    [Fact]
    public async Task Session_StartedTwiceUnderOneId_RefusedWithCodeAndFirstKept()
    {
        // Session fixation: an id serves one authentication; a second person can never be started under a known id.
        var session = NewSession();
        var first = Guid.NewGuid();
        await session.StartAsync(Authentication(first, LevelOfAssurance.Substantial), null);

        var refused = await Assert.ThrowsAsync<GrainRuleException>(
            () => session.StartAsync(Authentication(Guid.NewGuid(), LevelOfAssurance.High), null));

        Assert.Equal("session.exists", refused.Code);
        Assert.Equal(first, (await session.GetAsync())?.IdentityId);
    }

    [Fact]
    public async Task Session_PreviousIdNamesNoSession_StartsFresh()
    {
        // A cookie value that names no live session is never adopted: it only ever names a session to end.
        var snapshot = await NewSession().StartAsync(Authentication(Guid.NewGuid(), LevelOfAssurance.Substantial), TestIds.New("planted"));

        Assert.Empty(snapshot.Participants);
        Assert.Equal(fixture.Time.GetUtcNow() + Lifetime, snapshot.ExpiresAt);
    }

    [Fact]
    public async Task Session_AddParticipantWithoutSession_RefusedWithCode()
    {
        var refused = await Assert.ThrowsAsync<GrainRuleException>(
            () => NewSession().AddParticipantAsync("https://sp-a.example", "name-a", Persistent));

        Assert.Equal("session.none", refused.Code);
    }

    [Fact]
    public async Task Session_AddParticipantAfterExpiry_RefusedWithCode()
    {
        var session = NewSession();
        await session.StartAsync(Authentication(Guid.NewGuid(), LevelOfAssurance.Substantial), null);
        fixture.Time.Advance(Lifetime);

        var refused = await Assert.ThrowsAsync<GrainRuleException>(
            () => session.AddParticipantAsync("https://sp-a.example", "name-a", Persistent));

        Assert.Equal("session.none", refused.Code);
    }

    [Fact]
    public async Task Session_SessionIndex_RandomAndDistinctPerServiceProvider()
    {
        // Core 2.7.2: SessionIndex must not let SPs correlate the principal across participants.
        var session = NewSession();
        await session.StartAsync(Authentication(Guid.NewGuid(), LevelOfAssurance.Substantial), null);

        var a = await session.AddParticipantAsync("https://sp-a.example", "name-a", Persistent);
        var b = await session.AddParticipantAsync("https://sp-b.example", "name-b", Persistent);

        Assert.Matches(SessionIndexPattern(), a.SessionIndex);
        Assert.Matches(SessionIndexPattern(), b.SessionIndex);
        Assert.NotEqual(a.SessionIndex, b.SessionIndex);
        Assert.Equal(fixture.Time.GetUtcNow(), a.JoinedAt);
        Assert.Equal(2, (await session.GetAsync())?.Participants.Length);
    }

    [Fact]
    public async Task Session_SameServiceProviderAddedAgain_KeepsSessionIndexAndRefreshesNameId()
    {
        var session = NewSession();
        await session.StartAsync(Authentication(Guid.NewGuid(), LevelOfAssurance.Substantial), null);
        var first = await session.AddParticipantAsync("https://sp-a.example", "name-1", Persistent);

        var again = await session.AddParticipantAsync("https://sp-a.example", "name-2", Persistent);

        Assert.Equal(first.SessionIndex, again.SessionIndex);
        Assert.Equal("name-2", again.NameId);
        var stored = Assert.Single((await session.GetAsync())!.Participants);
        Assert.Equal(again, stored);
    }

    [Fact]
    public async Task Session_End_ReturnsParticipantsAndClears()
    {
        var session = NewSession();
        await session.StartAsync(Authentication(Guid.NewGuid(), LevelOfAssurance.Substantial), null);
        var participant = await session.AddParticipantAsync("https://sp-a.example", "name-a", Persistent);

        var ended = await session.EndAsync();

        Assert.Equal(participant, Assert.Single(ended!.Participants));
        Assert.Null(await session.GetAsync());
        Assert.Null(await session.EndAsync());
    }

    [Fact]
    public async Task Session_State_SurvivesDeactivation()
    {
        var session = NewSession();
        await session.StartAsync(Authentication(Guid.NewGuid(), LevelOfAssurance.Substantial), null);
        var participant = await session.AddParticipantAsync("https://sp-a.example", "name-a", Persistent);

        await fixture.Cluster.DeactivateAsync(session);

        Assert.Equal(participant, Assert.Single((await session.GetAsync())!.Participants));
    }

    [Fact]
    public async Task Session_NoActivityForIdleTimeout_ReturnsNull()
    {
        var session = NewSession();
        await session.StartAsync(Authentication(Guid.NewGuid(), LevelOfAssurance.Substantial), null);

        fixture.Time.Advance(IdleTimeout - TimeSpan.FromTicks(1));
        Assert.NotNull(await session.GetAsync());

        fixture.Time.Advance(TimeSpan.FromTicks(1));
        Assert.Null(await session.GetAsync());
        var refused = await Assert.ThrowsAsync<GrainRuleException>(
            () => session.AddParticipantAsync("https://sp-a.example", "name-a", Persistent));
        Assert.Equal("session.none", refused.Code);
    }

    [Fact]
    public async Task Session_AssertionIssued_RestartsIdleLimit()
    {
        var session = NewSession();
        await session.StartAsync(Authentication(Guid.NewGuid(), LevelOfAssurance.Substantial), null);
        fixture.Time.Advance(TimeSpan.FromMinutes(50));

        await session.AddParticipantAsync("https://sp-a.example", "name-a", Persistent);
        fixture.Time.Advance(TimeSpan.FromMinutes(50));

        var live = await session.GetAsync();
        Assert.NotNull(live);
        Assert.Equal(fixture.Time.GetUtcNow() + TimeSpan.FromMinutes(10), live.IdleExpiresAt);
    }

    [Fact]
    public async Task Session_ReadWithoutAssertion_DoesNotRestartIdleLimit()
    {
        // Looking at a session (an SSO check that then fails, the logout page) is not the person using it.
        var session = NewSession();
        await session.StartAsync(Authentication(Guid.NewGuid(), LevelOfAssurance.Substantial), null);
        fixture.Time.Advance(TimeSpan.FromMinutes(50));
        Assert.NotNull(await session.GetAsync());

        fixture.Time.Advance(TimeSpan.FromMinutes(10));

        Assert.Null(await session.GetAsync());
    }

    [Fact]
    public async Task Session_NearAbsoluteLimit_IdleExpiryCappedAtAbsoluteExpiry()
    {
        var session = NewSession();
        var started = await session.StartAsync(Authentication(Guid.NewGuid(), LevelOfAssurance.Substantial), null);
        await KeepActiveAsync(session, Lifetime - TimeSpan.FromMinutes(20));

        var live = await session.GetAsync();

        Assert.Equal(started.ExpiresAt, live!.IdleExpiresAt);
    }

    [Fact]
    public async Task Session_NewParticipant_SessionIndexFindsTheSession()
    {
        // A LogoutRequest over HTTP-POST arrives without the broker's cookie: its SessionIndex must lead to the session.
        var session = NewSession();
        var snapshot = await session.StartAsync(Authentication(Guid.NewGuid(), LevelOfAssurance.Substantial), null);

        var participant = await session.AddParticipantAsync("https://sp-a.example", "name-a", Persistent);

        var index = fixture.Grains.GetGrain<ISessionIndexGrain>(SessionIndexKey.For("https://sp-a.example", participant.SessionIndex));
        Assert.Equal(snapshot.SessionId, await index.FindSessionAsync());
        var otherSp = fixture.Grains.GetGrain<ISessionIndexGrain>(SessionIndexKey.For("https://sp-b.example", participant.SessionIndex));
        Assert.Null(await otherSp.FindSessionAsync());
    }

    private async Task KeepActiveAsync(ISessionGrain session, TimeSpan total)
    {
        // Activity every half hour keeps the idle limit from ending the session first.
        var step = TimeSpan.FromMinutes(30);
        for (var elapsed = TimeSpan.Zero; elapsed < total; elapsed += step)
        {
            fixture.Time.Advance(total - elapsed < step ? total - elapsed : step);
            await session.AddParticipantAsync("https://sp-keep-alive.example", "name-k", Persistent);
        }
    }

    private ISessionGrain NewSession() => fixture.Grains.GetGrain<ISessionGrain>(TestIds.New("session"));

    private SessionAuthentication Authentication(Guid identity, LevelOfAssurance loa) =>
        new(identity, loa, fixture.Time.GetUtcNow(), "https://mitid.example");

    [GeneratedRegex("^_[0-9a-f]{32}$")]
    private static partial Regex SessionIndexPattern();
}
