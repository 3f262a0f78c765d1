using NemLogin.Grains.Assurance;
using NemLogin.Grains.Mandates;
using NemLogin.Grains.Sessions;
using NemLogin.Grains.Tests.Mandates;

namespace NemLogin.Grains.Tests.Sessions;

/// <summary>
/// Acting on behalf (fuldmagt) decided by the session: a grantee holding a mandate that fits the IT system is asked whom
/// to act as (themself first); acting under the mandate keeps the person's own subject and carries the grantor-scoped
/// privileges; no fitting mandate, no question and no privileges.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionMandateTests(ClusterFixture fixture)
{
    private const string Prefix = "https://data.gov.dk/model/core/eid/person/uuid/";
    private const string Persistent = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";

    [Fact]
    public async Task Grantee_FittingMandate_AskedThenActsForTheGrantorUnderOwnSubject()
    {
        var data = await MandateData.CreateAsync(fixture.Grains, fixture.Time.GetUtcNow());
        var mandate = await data.GrantAsync(data.Details());
        var session = await SessionOfAsync(data.Grantee);

        var asked = await session.AssertAsync(Request(data.System.Id));
        var acting = await session.AssertAsync(Request(data.System.Id) with { ActingAs = mandate.Id });
        var self = await session.AssertAsync(Request(data.System.Id) with { ActingAs = Guid.Empty });

        Assert.Equal(SessionAssertionOutcome.ChoiceNeeded, asked.Outcome);
        Assert.Equal([ActingChoiceKind.Self, ActingChoiceKind.Mandate], asked.Choices.Select(c => c.Kind));
        Assert.Equal(mandate.Id, asked.Choices[1].Id);
        Assert.Equal(SessionAssertionOutcome.Asserted, acting.Outcome);
        Assert.Equal(mandate.Id, acting.OnBehalfOf!.MandateId);
        var privilege = Assert.Single(acting.OnBehalfOf.Privileges);
        Assert.Equal(MandateData.Read, privilege.Privilege);
        Assert.Equal("urn:dk:gov:saml:cprNumberIdentifier:" + data.GrantorCpr, privilege.Scope.Urn);
        // The NameID is the acting person's own pseudonym, the same as when acting for themself.
        Assert.Equal(self.Participant!.NameId, acting.Participant!.NameId);
        Assert.Null(self.OnBehalfOf);
    }

    // Rule: no fitting mandate, no question (another IT system's mandate does not count).
    [Fact]
    public async Task Grantee_MandateForAnotherSystem_NoQuestionNoPrivileges()
    {
        var data = await MandateData.CreateAsync(fixture.Grains, fixture.Time.GetUtcNow());
        await data.GrantAsync(data.Details());
        var other = await MandateData.RegisterSystemAsync(fixture.Grains);
        var session = await SessionOfAsync(data.Grantee);

        var answer = await session.AssertAsync(Request(other.Id));

        Assert.Equal(SessionAssertionOutcome.Asserted, answer.Outcome);
        Assert.Null(answer.OnBehalfOf);
    }

    // Class: acting under a mandate revoked after the question (or a forged mandate id): nothing is asserted.
    [Fact]
    public async Task Grantee_ChoiceOfARevokedMandate_NoFittingIdentity()
    {
        var data = await MandateData.CreateAsync(fixture.Grains, fixture.Time.GetUtcNow());
        var mandate = await data.GrantAsync(data.Details());
        var session = await SessionOfAsync(data.Grantee);
        Assert.Equal(SessionAssertionOutcome.ChoiceNeeded, (await session.AssertAsync(Request(data.System.Id))).Outcome);

        await data.Mandate(mandate.Id).RevokeAsync(TestIds.New("revoke"));
        var answer = await session.AssertAsync(Request(data.System.Id) with { ActingAs = mandate.Id });
        var forged = await session.AssertAsync(Request(data.System.Id) with { ActingAs = Guid.NewGuid() });

        Assert.Equal(SessionAssertionOutcome.NoFittingIdentity, answer.Outcome);
        Assert.Equal(SessionAssertionOutcome.NoFittingIdentity, forged.Outcome);
        Assert.Empty((await session.GetAsync())!.Participants);
    }

    private static AssertionRequest Request(string party) =>
        new(party, CprEntitled: false, LevelOfAssurance.Substantial, Prefix, Persistent, TransientSubject: false);

    private async Task<ISessionGrain> SessionOfAsync(Guid person)
    {
        var session = fixture.Grains.GetGrain<ISessionGrain>(TestIds.New("session"));
        await session.StartAsync(new SessionAuthentication(person, LevelOfAssurance.Substantial, fixture.Time.GetUtcNow(), "https://mitid.example"), null);
        return session;
    }
}
