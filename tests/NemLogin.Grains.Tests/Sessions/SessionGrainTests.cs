using System.Text.RegularExpressions;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.Sessions;

namespace NemLogin.Grains.Tests.Sessions;

[Collection(ClusterCollection.Name)]
public sealed partial class SessionGrainTests(ClusterFixture fixture)
{
    private const string Persistent = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

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

        var snapshot = await session.AuthenticateAsync(authentication);

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
        await session.AuthenticateAsync(Authentication(Guid.NewGuid(), LevelOfAssurance.Substantial));

        fixture.Time.Advance(Lifetime - TimeSpan.FromTicks(1));
        Assert.NotNull(await session.GetAsync());

        fixture.Time.Advance(TimeSpan.FromTicks(1));
        Assert.Null(await session.GetAsync());
    }

    [Fact]
    public async Task Session_SameIdentityReauthenticates_KeepsParticipantsAndExpiry()
    {
        var session = NewSession();
        var identity = Guid.NewGuid();
        var first = await session.AuthenticateAsync(Authentication(identity, LevelOfAssurance.Substantial));
        var participant = await session.AddParticipantAsync("https://sp-a.example", "name-a", Persistent);
        fixture.Time.Advance(TimeSpan.FromHours(1));

        var second = await session.AuthenticateAsync(Authentication(identity, LevelOfAssurance.High));

        Assert.Equal(LevelOfAssurance.High, second.Loa);
        Assert.Equal(fixture.Time.GetUtcNow(), second.AuthnInstant);
        Assert.Equal(first.ExpiresAt, second.ExpiresAt);
        Assert.Equal(participant, Assert.Single(second.Participants));
    }

    [Fact]
    public async Task Session_SameIdentityReauthenticates_DoesNotExtendAbsoluteLifetime()
    {
        var session = NewSession();
        var identity = Guid.NewGuid();
        await session.AuthenticateAsync(Authentication(identity, LevelOfAssurance.Substantial));
        fixture.Time.Advance(TimeSpan.FromHours(7));
        await session.AuthenticateAsync(Authentication(identity, LevelOfAssurance.Substantial));

        fixture.Time.Advance(TimeSpan.FromHours(1));

        Assert.Null(await session.GetAsync());
    }

    [Fact]
    public async Task Session_DifferentIdentity_DropsParticipants()
    {
        // Session confusion: SPs joined by the previous person must not be logged out for, or linked to, the next one.
        var session = NewSession();
        await session.AuthenticateAsync(Authentication(Guid.NewGuid(), LevelOfAssurance.Substantial));
        await session.AddParticipantAsync("https://sp-a.example", "name-a", Persistent);
        fixture.Time.Advance(TimeSpan.FromHours(2));
        var other = Guid.NewGuid();

        var snapshot = await session.AuthenticateAsync(Authentication(other, LevelOfAssurance.Substantial));

        Assert.Equal(other, snapshot.IdentityId);
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
        await session.AuthenticateAsync(Authentication(Guid.NewGuid(), LevelOfAssurance.Substantial));
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
        await session.AuthenticateAsync(Authentication(Guid.NewGuid(), LevelOfAssurance.Substantial));

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
        await session.AuthenticateAsync(Authentication(Guid.NewGuid(), LevelOfAssurance.Substantial));
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
        await session.AuthenticateAsync(Authentication(Guid.NewGuid(), LevelOfAssurance.Substantial));
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
        await session.AuthenticateAsync(Authentication(Guid.NewGuid(), LevelOfAssurance.Substantial));
        var participant = await session.AddParticipantAsync("https://sp-a.example", "name-a", Persistent);

        await fixture.Cluster.DeactivateAsync(session);

        Assert.Equal(participant, Assert.Single((await session.GetAsync())!.Participants));
    }

    private ISessionGrain NewSession() => fixture.Grains.GetGrain<ISessionGrain>(TestIds.New("session"));

    private SessionAuthentication Authentication(Guid identity, LevelOfAssurance loa) =>
        new(identity, loa, fixture.Time.GetUtcNow(), "https://mitid.example");

    [GeneratedRegex("^_[0-9a-f]{32}$")]
    private static partial Regex SessionIndexPattern();
}
