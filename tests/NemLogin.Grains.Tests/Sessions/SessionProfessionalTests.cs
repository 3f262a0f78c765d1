using NemLogin.Grains.Assurance;
using NemLogin.Grains.BusinessIdentities;
using NemLogin.Grains.Identities;
using NemLogin.Grains.Sessions;
using NemLogin.Grains.Tests.Organisations;

namespace NemLogin.Grains.Tests.Sessions;

/// <summary>
/// The Professional profile decided by the session: only a business identity of the session's person is asserted (never
/// the citizen), with the IT system's rights; one usable identity needs no question, several do, none is refused.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionProfessionalTests(ClusterFixture fixture)
{
    private const string Prefix = "https://data.gov.dk/model/core/eid/professional/uuid/";
    private const string Persistent = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";

    [Fact]
    public async Task Professional_OneBusinessIdentity_AssertedWithItsUuidAndOnlyThisSystemsRights()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);
        await data.GrantAsync(data.Right(BusinessData.Read));
        var other = await BusinessData.CreateAsync(fixture.Grains);
        var session = await SessionOfAsync(data.PersonId, LevelOfAssurance.High);

        var answer = await session.AssertAsync(Request(data.System.Id));

        Assert.Equal(SessionAssertionOutcome.Asserted, answer.Outcome);
        Assert.Equal(Prefix + data.EmployeeId, answer.Participant!.NameId);
        Assert.Equal(data.Cvr, answer.Professional!.Cvr);
        Assert.Equal([BusinessData.Read], answer.Professional.Privileges.Select(p => p.Privilege));
        // The identity's own level (Substantial) bounds the session's High.
        Assert.Equal(LevelOfAssurance.Substantial, answer.Loa);
        Assert.NotEqual(other.EmployeeId, answer.Professional.Id);
    }

    // Rule: never a citizen assertion to a party that asked for the Professional profile.
    [Fact]
    public async Task Professional_PersonWithoutBusinessIdentity_NoFittingIdentityAndNoParticipant()
    {
        var person = Guid.NewGuid();
        await IdentityAsync(person);
        var session = await SessionOfAsync(person, LevelOfAssurance.Substantial);

        var answer = await session.AssertAsync(Request("https://sp-pro.example"));

        Assert.Equal(SessionAssertionOutcome.NoFittingIdentity, answer.Outcome);
        Assert.Empty((await session.GetAsync())!.Participants);
    }

    // Rule: a suspended business identity cannot act.
    [Fact]
    public async Task Professional_SuspendedIdentity_NoFittingIdentity()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);
        await data.Employee.SetStatusAsync(TestIds.New("suspend"), BusinessIdentityStatus.Suspended);
        var session = await SessionOfAsync(data.PersonId, LevelOfAssurance.Substantial);

        Assert.Equal(SessionAssertionOutcome.NoFittingIdentity, (await session.AssertAsync(Request(data.System.Id))).Outcome);
    }

    // Rule: more than one fitting identity: the person is asked (labelled by organisation), and the answer decides.
    [Fact]
    public async Task Professional_TwoOrganisations_ChoiceNeededThenTheChosenOneAsserted()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);
        var second = await SecondEmployeeAsync(data.PersonId);
        var session = await SessionOfAsync(data.PersonId, LevelOfAssurance.Substantial);

        var asked = await session.AssertAsync(Request(data.System.Id));
        var chosen = await session.AssertAsync(Request(data.System.Id) with { ActingAs = second.Id });

        Assert.Equal(SessionAssertionOutcome.ChoiceNeeded, asked.Outcome);
        Assert.Equal(new[] { data.EmployeeId, second.Id }.Order(), asked.Choices.Select(c => c.Id).Order());
        Assert.All(asked.Choices, c => Assert.False(string.IsNullOrEmpty(c.Label)));
        Assert.Equal(SessionAssertionOutcome.Asserted, chosen.Outcome);
        Assert.Equal(second.Cvr, chosen.Professional!.Cvr);
    }

    // Class: acting as someone else's business identity (a forged choice).
    [Fact]
    public async Task Professional_ChoiceOfAnotherPersonsIdentity_NoFittingIdentity()
    {
        var mine = await BusinessData.CreateAsync(fixture.Grains);
        var theirs = await BusinessData.CreateAsync(fixture.Grains);
        var session = await SessionOfAsync(mine.PersonId, LevelOfAssurance.Substantial);

        var answer = await session.AssertAsync(Request(mine.System.Id) with { ActingAs = theirs.EmployeeId });

        Assert.Equal(SessionAssertionOutcome.NoFittingIdentity, answer.Outcome);
        Assert.Empty((await session.GetAsync())!.Participants);
    }

    private async Task<(Guid Id, string Cvr)> SecondEmployeeAsync(Guid person)
    {
        var cvr = TestIds.Cvr();
        var organisation = fixture.Grains.GetGrain<NemLogin.Grains.Organisations.IOrganisationGrain>(cvr);
        await organisation.SaveAsync(TestIds.New("org"), BusinessData.Details(name: "Anden Virksomhed A/S"));
        var employee = await organisation.AddEmployeeAsync(TestIds.New("employee"), BusinessData.NewEmployee(person));
        return (employee.Id, cvr);
    }

    private static AssertionRequest Request(string party) =>
        new(party, CprEntitled: false, LevelOfAssurance.Substantial, Prefix, Persistent, TransientSubject: false) { Profile = EidProfile.Professional };

    private async Task<ISessionGrain> SessionOfAsync(Guid person, LevelOfAssurance loa)
    {
        await IdentityAsync(person);
        var session = fixture.Grains.GetGrain<ISessionGrain>(TestIds.New("session"));
        await session.StartAsync(new SessionAuthentication(person, loa, fixture.Time.GetUtcNow(), "https://mitid.example"), null);
        return session;
    }

    private Task IdentityAsync(Guid person) =>
        fixture.Grains.GetGrain<IIdentityGrain>(person).UpdateFromUpstreamAsync(new PersonAttributes("Test", "Person", new DateOnly(1990, 1, 1), "0101901234", null));
}
